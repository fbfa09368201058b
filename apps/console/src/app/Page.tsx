import { useEffect, type ReactNode } from "react";
import { Link } from "react-router";
import { CaretRightIcon } from "../components/icons.tsx";

export interface Crumb {
  text: string;
  href?: string;
}

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const all: Crumb[] = [{ text: "Amazon Elastic Container Service", href: "/clusters" }, ...items];
  return (
    <nav aria-label="Breadcrumbs">
      <ol className="flex flex-wrap items-center gap-1 text-sm">
        {all.map((c, i) => {
          const last = i === all.length - 1;
          return (
            <li key={`${c.text}-${i}`} className="flex items-center gap-1">
              {last || !c.href ? (
                <span className="text-aws-muted" aria-current={last ? "page" : undefined}>
                  {c.text}
                </span>
              ) : (
                <Link to={c.href}>{c.text}</Link>
              )}
              {!last && <CaretRightIcon width={12} height={12} className="text-aws-muted" />}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/**
 * A page: breadcrumbs, the single h1 with its actions and description, then the content.
 * Sets document.title the way the console does ("Clusters | Amazon Elastic Container Service").
 */
export function Page({
  breadcrumbs,
  title,
  description,
  actions,
  children,
  docTitle,
}: {
  breadcrumbs: Crumb[];
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  docTitle?: string;
}) {
  const plain = docTitle ?? (typeof title === "string" ? title : undefined);
  useEffect(() => {
    if (plain) document.title = `${plain} | Amazon Elastic Container Service | Stevedore`;
  }, [plain]);
  return (
    <div className="flex flex-col gap-4">
      <Breadcrumbs items={breadcrumbs} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="break-words text-[28px] font-bold leading-9 tracking-tight">{title}</h1>
          {description && <p className="mt-1 max-w-4xl text-aws-muted">{description}</p>}
        </div>
        {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
      {children}
    </div>
  );
}

/** The content below the header: sections spaced as Cloudscape's SpaceBetween. */
export const Stack = ({ children, gap = "gap-5" }: { children: ReactNode; gap?: string }) => (
  <div className={`flex flex-col ${gap}`}>{children}</div>
);
