/** The service page's **Events** tab: the latest 100 service events, newest first. */
import { useState } from "react";
import { Container } from "../../components/Container.tsx";
import { FilterInput } from "../../components/FormField.tsx";
import { EmptyState, Table, type Column } from "../../components/Table.tsx";
import { formatDateTime, toDate } from "../../lib/format.ts";
import type { Service, ServiceEvent } from "../../api/services.ts";
import { EventMessage } from "./EventMessage.tsx";

export function ServiceEventsTab({ cluster, service }: { cluster: string; service: Service }) {
  const [filter, setFilter] = useState("");
  const all = [...(service.events ?? [])].sort((a, b) => b.createdAt - a.createdAt);
  const needle = filter.trim().toLowerCase();
  const items = needle ? all.filter((e) => e.message.toLowerCase().includes(needle) || e.id.includes(needle)) : all;
  const columns: Column<ServiceEvent>[] = [
    { id: "id", header: "Event ID", cell: (e) => <span className="font-mono text-[13px]">{e.id}</span>, nowrap: true },
    {
      id: "started",
      header: "Started at",
      cell: (e) => <time dateTime={toDate(e.createdAt)?.toISOString()}>{formatDateTime(e.createdAt)}</time>,
      nowrap: true,
    },
    { id: "message", header: "Message", cell: (e) => <EventMessage cluster={cluster} message={e.message} /> },
  ];
  return (
    <Container
      title="Events"
      counter={`(${all.length})`}
      description="The 100 most recent events of the service scheduler, newest first."
      filter={<FilterInput label="Filter events" placeholder="Filter events" value={filter} onChange={setFilter} matches={items.length} />}
    >
      <Table
        label="Events"
        columns={columns}
        items={items}
        trackBy={(e) => e.id}
        empty={filter ? <EmptyState title="No matches">We can't find a match.</EmptyState> : <EmptyState title="No events">No events to display.</EmptyState>}
      />
    </Container>
  );
}
