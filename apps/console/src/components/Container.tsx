import CloudscapeContainer from "@cloudscape-design/components/container";
import CloudscapeExpandableSection from "@cloudscape-design/components/expandable-section";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useState, type ReactNode } from "react";

/**
 * Cloudscape's Container with its Header, in a region named by its title (as the console's
 * sections are found by assistive technology and scripted tests).
 */
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
  const header =
    title || actions ? (
      <Header
        variant={headingLevel === 2 ? "h2" : "h3"}
        counter={counter}
        description={description}
        actions={actions && <SpaceBetween direction="horizontal" size="xs">{actions}</SpaceBetween>}
      >
        {title}
      </Header>
    ) : undefined;
  return (
    <section id={id} aria-label={typeof title === "string" ? title : undefined}>
      <CloudscapeContainer header={header} footer={footer} disableContentPaddings={disableContentPaddings}>
        {filter && <div style={{ display: "flex", flexWrap: "wrap", gap: 12, alignItems: "center", marginBottom: 12 }}>{filter}</div>}
        {children}
      </CloudscapeContainer>
    </section>
  );
}

/**
 * Cloudscape's ExpandableSection. `forceExpanded` keeps it open (while it holds a field with an error).
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
  const [open, setOpen] = useState(!!defaultExpanded);
  return (
    <CloudscapeExpandableSection
      headerText={title}
      headerDescription={typeof description === "string" ? description : undefined}
      expanded={open || !!forceExpanded}
      onChange={({ detail }) => setOpen(detail.expanded)}
    >
      {typeof description !== "string" && description}
      {children}
    </CloudscapeExpandableSection>
  );
}
