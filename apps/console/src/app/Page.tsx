import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useEffect, type ReactNode } from "react";
import { useSetBreadcrumbs, type Crumb } from "./breadcrumbs.tsx";

export type { Crumb };

/**
 * A page: its breadcrumbs (shown by the frame), the single h1 with its counter, description and
 * actions, then the content. Sets document.title the way the console does ("Clusters | Amazon
 * Elastic Container Service").
 */
export function Page({
  breadcrumbs,
  title,
  counter,
  description,
  actions,
  children,
  docTitle,
}: {
  breadcrumbs: Crumb[];
  title: ReactNode;
  counter?: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  docTitle?: string;
}) {
  useSetBreadcrumbs(breadcrumbs);
  const plain = docTitle ?? (typeof title === "string" ? title : undefined);
  useEffect(() => {
    if (plain) document.title = `${plain} | Amazon Elastic Container Service | Stevedore`;
  }, [plain]);
  return (
    <ContentLayout
      header={
        <Header variant="h1" counter={counter} description={description} actions={actions && <SpaceBetween direction="horizontal" size="xs">{actions}</SpaceBetween>}>
          {title}
        </Header>
      }
    >
      <SpaceBetween size="l">{children}</SpaceBetween>
    </ContentLayout>
  );
}

/** The content below the header: sections spaced as the console spaces them. */
export const Stack = ({ children }: { children: ReactNode; gap?: string }) => <SpaceBetween size="l">{children}</SpaceBetween>;
