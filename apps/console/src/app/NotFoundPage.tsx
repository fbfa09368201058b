import { Link } from "../components/Link.tsx";
import { Page } from "./Page.tsx";

export function NotFoundPage() {
  return (
    <Page breadcrumbs={[{ text: "Page not found" }]} title="Page not found">
      <p>
        This page does not exist. Go to <Link to="/clusters">Clusters</Link> or{" "}
        <Link to="/task-definitions">Task definitions</Link>.
      </p>
    </Page>
  );
}
