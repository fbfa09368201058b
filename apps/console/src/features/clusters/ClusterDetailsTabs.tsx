/** The cluster's **Configuration** and **Tags** tabs: what DescribeClusters says, and tags managed with Cloudscape's TagEditor. */
import type { Cluster } from "@stevedore/shared";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import SpaceBetween from "@cloudscape-design/components/space-between";
import StatusIndicator from "@cloudscape-design/components/status-indicator";
import TagEditor, { type TagEditorProps } from "@cloudscape-design/components/tag-editor";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { saveTags } from "../../api/account-settings.ts";
import { queryKeys } from "../../api/query-keys.ts";
import { useFlash } from "../../app/flash.tsx";
import { Alert } from "../../components/Alert.tsx";
import { Container } from "../../components/Container.tsx";
import { Table, EmptyState } from "../../components/Table.tsx";
import { capacityProviderText, monitoringText } from "../../lib/format.ts";
import { useCluster } from "./queries.ts";

export function ClusterConfigurationTab({ name }: { name: string }) {
  const cluster = useCluster(name, ["SETTINGS", "CONFIGURATIONS"]);
  const c = cluster.data as (Cluster & { configuration?: { executeCommandConfiguration?: { logging?: string; kmsKeyId?: string } }; serviceConnectDefaults?: { namespace?: string } }) | null | undefined;
  if (!c) return <StatusIndicator type="loading">Loading configuration</StatusIndicator>;
  return (
    <Container title="Configuration">
      <KeyValuePairs
        columns={3}
        items={[
          { label: "Cluster name", value: c.clusterName },
          { label: "ARN", value: c.clusterArn },
          { label: "Status", value: c.status },
          { label: "CloudWatch monitoring", value: monitoringText(c.settings) },
          { label: "Capacity providers", value: (c.capacityProviders ?? []).join(", ") || "-" },
          { label: "Default capacity provider strategy", value: capacityProviderText(c.defaultCapacityProviderStrategy) },
          { label: "ECS Exec logging", value: c.configuration?.executeCommandConfiguration?.logging ?? "DEFAULT" },
          { label: "AWS KMS key for ECS Exec", value: c.configuration?.executeCommandConfiguration?.kmsKeyId ?? "-" },
          { label: "Service Connect default namespace", value: c.serviceConnectDefaults?.namespace ?? "-" },
        ]}
      />
    </Container>
  );
}

export function ClusterTagsTab({ name }: { name: string }) {
  const cluster = useCluster(name);
  const [editing, setEditing] = useState<TagEditorProps.Tag[] | null>(null);
  const client = useQueryClient();
  const flash = useFlash();
  const tags = cluster.data?.tags ?? [];
  const save = useMutation({
    mutationFn: () =>
      saveTags(
        cluster.data!.clusterArn,
        editing!.filter((t) => !t.markedForRemoval && t.key).map((t) => ({ key: t.key, value: t.value })),
        editing!.filter((t) => t.markedForRemoval && t.existing).map((t) => t.key),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.clusters.all });
      flash.push({ type: "success", header: `Tags for cluster ${name} have been updated.` });
      setEditing(null);
    },
  });

  if (editing) {
    return (
      <Container
        title="Manage tags"
        description="A tag is a label that you assign to an AWS resource. Each tag consists of a key and an optional value."
        footer={
          <Box float="right">
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" onClick={() => setEditing(null)}>
                Cancel
              </Button>
              <Button variant="primary" loading={save.isPending} onClick={() => save.mutate()}>
                Save
              </Button>
            </SpaceBetween>
          </Box>
        }
      >
        <SpaceBetween size="m">
          <TagEditor tags={editing} onChange={({ detail }) => setEditing([...detail.tags])} tagLimit={50} />
          {save.error && <Alert type="error">{save.error.message}</Alert>}
        </SpaceBetween>
      </Container>
    );
  }
  return (
    <Table
      label="Tags"
      variant="container"
      header={
        <Header
          counter={`(${tags.length})`}
          actions={<Button onClick={() => setEditing(tags.map((t) => ({ key: t.key ?? "", value: t.value ?? "", existing: true })))}>Manage tags</Button>}
        >
          Tags
        </Header>
      }
      columns={[
        { id: "key", header: "Key", cell: (t) => t.key, sortValue: (t) => t.key },
        { id: "value", header: "Value", cell: (t) => t.value || "-", sortValue: (t) => t.value },
      ]}
      items={tags}
      trackBy={(t) => t.key ?? ""}
      filterLabel="Filter tags"
      empty={<EmptyState title="No tags">No tags associated with the resource.</EmptyState>}
    />
  );
}
