import { useId, useState, type ReactNode } from "react";
import { CaretRightIcon } from "./icons.tsx";

/** A white panel with a header, like Cloudscape's Container. */
export function Container({
  title,
  counter,
  description,
  actions,
  filter,
  children,
  footer,
  headingLevel = 2,
  disableContentPaddings,
  id,
}: {
  title?: ReactNode;
  counter?: string;
  description?: ReactNode;
  actions?: ReactNode;
  filter?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  headingLevel?: 2 | 3;
  disableContentPaddings?: boolean;
  id?: string;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section
      id={id}
      aria-label={typeof title === "string" ? title : undefined}
      className="rounded-2xl bg-white shadow-[0_1px_1px_0_rgba(0,28,36,0.3),1px_1px_1px_0_rgba(0,28,36,0.15),-1px_1px_1px_0_rgba(0,28,36,0.15)]"
    >
      {(title || actions || filter) && (
        <div className="px-5 pt-4 pb-2">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              {title && (
                <Heading className="text-lg font-bold leading-[22px]">
                  {title}
                  {counter !== undefined && <span className="ml-1 font-normal text-aws-muted">{counter}</span>}
                </Heading>
              )}
              {description && <div className="mt-0.5 text-sm text-aws-muted">{description}</div>}
            </div>
            {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
          </div>
          {filter && <div className={`${title || actions ? "mt-3" : ""} flex flex-wrap items-center gap-3`}>{filter}</div>}
        </div>
      )}
      <div className={disableContentPaddings ? "" : "px-5 pt-2 pb-5"}>{children}</div>
      {footer && <div className="border-t border-aws-border px-5 py-3">{footer}</div>}
    </section>
  );
}

/**
 * An expandable section: a button with aria-expanded that shows or hides its content.
 * `forceExpanded` keeps it open (while it holds a field with an error).
 */
export function ExpandableSection({
  title,
  description,
  children,
  defaultExpanded,
  forceExpanded,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  defaultExpanded?: boolean;
  forceExpanded?: boolean;
}) {
  const [open, setExpanded] = useState(!!defaultExpanded);
  const expanded = open || !!forceExpanded;
  const id = useId();
  return (
    <div>
      <button
        type="button"
        id={`${id}-button`}
        aria-expanded={expanded}
        aria-controls={id}
        onClick={() => setExpanded((e) => !e)}
        className="flex items-center gap-2 font-bold text-aws-text hover:text-aws-blue"
      >
        <CaretRightIcon className={`transition-transform ${expanded ? "rotate-90" : ""}`} />
        {title}
      </button>
      {description && <div className="mt-1 ml-6 text-sm text-aws-muted">{description}</div>}
      <div id={id} role="group" aria-labelledby={`${id}-button`} hidden={!expanded} className="mt-3 ml-6">
        {children}
      </div>
    </div>
  );
}
