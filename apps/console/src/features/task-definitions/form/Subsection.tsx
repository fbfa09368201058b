import type { ReactNode } from "react";

/** A titled part of a form section (Port mappings, Volumes...), named for screen readers by its title. */
export function Subsection({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section aria-label={title} className="flex flex-col gap-2">
      <h3 className="font-bold">{title}</h3>
      {description && <div className="text-xs text-aws-muted">{description}</div>}
      {children}
    </section>
  );
}
