import { Button } from "../../components/Button.tsx";
import { Container } from "../../components/Container.tsx";
import { EmptyState, Table } from "../../components/Table.tsx";

const headers = [
  "Service name",
  "Status",
  "ARN",
  "Service type",
  "Deployments and tasks",
  "Last deployment",
  "Task definition",
  "Revision",
  "Launch type",
  "Created at",
];

/** Services arrive in a later version of Stevedore: the tab shows the console's empty table. */
export function ServicesTab() {
  return (
    <Container
      title="Services"
      counter="(0)"
      actions={
        <>
          <Button disabled>Update</Button>
          <Button disabled>Delete service</Button>
          <Button variant="primary" disabled>
            Create
          </Button>
        </>
      }
    >
      <Table<never>
        label="Services"
        columns={headers.map((h) => ({ id: h, header: h, cell: () => null }))}
        items={[]}
        trackBy={() => ""}
        empty={
          <EmptyState title="No services">
            Services are not available in Stevedore yet. Run standalone tasks from the <b>Tasks</b> tab.
          </EmptyState>
        }
      />
    </Container>
  );
}
