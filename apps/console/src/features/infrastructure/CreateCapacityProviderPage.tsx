/**
 * **Create capacity provider** (the Infrastructure tab's **Create**): a provider for an existing Auto
 * Scaling group, with managed scaling, then added to the cluster (CreateCapacityProvider, then
 * PutClusterCapacityProviders keeping the cluster's default strategy).
 */
import Button from "@cloudscape-design/components/button";
import Form from "@cloudscape-design/components/form";
import FormField from "@cloudscape-design/components/form-field";
import Input from "@cloudscape-design/components/input";
import Select from "@cloudscape-design/components/select";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Toggle from "@cloudscape-design/components/toggle";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { describeAutoScalingGroups } from "../../api/autoscaling.ts";
import { createCapacityProvider, putClusterCapacityProviders } from "../../api/ecs.ts";
import { queryKeys } from "../../api/query-keys.ts";
import { useFlash } from "../../app/flash.tsx";
import { Page } from "../../app/Page.tsx";
import { Container } from "../../components/Container.tsx";
import { useCluster } from "../clusters/queries.ts";

const NAME = /^[a-zA-Z0-9_-]{1,255}$/;

export function CreateCapacityProviderPage() {
  const { cluster: clusterName = "" } = useParams();
  const cluster = useCluster(clusterName);
  const groups = useQuery({ queryKey: ["autoscaling", "groups"], queryFn: ({ signal }) => describeAutoScalingGroups([], signal) });
  const [name, setName] = useState("");
  const [group, setGroup] = useState<string | null>(null);
  const [managedScaling, setManagedScaling] = useState(true);
  const [protection, setProtection] = useState(false);
  const [target, setTarget] = useState("100");
  const [submitted, setSubmitted] = useState(false);
  const navigate = useNavigate();
  const client = useQueryClient();
  const flash = useFlash();
  const back = `/clusters/${encodeURIComponent(clusterName)}/infrastructure`;

  const errors = {
    name: !NAME.test(name)
      ? "Up to 255 letters (uppercase and lowercase), numbers, underscores and hyphens."
      : /^(aws|ecs|fargate)/i.test(name)
        ? "The name cannot start with aws, ecs or fargate."
        : undefined,
    group: group ? undefined : "Choose an Auto Scaling group.",
    target: !/^\d+$/.test(target) || Number(target) < 1 || Number(target) > 100 ? "Enter a whole number from 1 to 100." : undefined,
  };
  const create = useMutation({
    mutationFn: async () => {
      await createCapacityProvider({
        name,
        autoScalingGroupProvider: {
          autoScalingGroupArn: group!,
          managedScaling: { status: managedScaling ? "ENABLED" : "DISABLED", targetCapacity: Number(target) },
          managedTerminationProtection: protection ? "ENABLED" : "DISABLED",
        },
      });
      const c = cluster.data!;
      await putClusterCapacityProviders({
        cluster: clusterName,
        capacityProviders: [...(c.capacityProviders ?? []), name],
        defaultCapacityProviderStrategy: c.defaultCapacityProviderStrategy ?? [],
      });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.clusters.all });
      await client.invalidateQueries({ queryKey: queryKeys.infrastructure.cluster(clusterName) });
      flash.push({ type: "success", header: `Capacity provider ${name} has been created successfully.`, path: back });
      void navigate(back);
    },
  });
  const show = (e: string | undefined) => (submitted ? e : undefined);

  return (
    <Page
      breadcrumbs={[{ text: "Clusters", href: "/clusters" }, { text: clusterName, href: back }, { text: "Create capacity provider" }]}
      title="Create capacity provider"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (!errors.name && !errors.group && !errors.target) create.mutate();
        }}
      >
        <Form
          errorText={create.error?.message}
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" formAction="none" onClick={() => void navigate(back)}>
                Cancel
              </Button>
              <Button variant="primary" loading={create.isPending} disabled={!cluster.data}>
                Create
              </Button>
            </SpaceBetween>
          }
        >
          <SpaceBetween size="l">
            <Container title="Basic details">
              <FormField label="Capacity provider name" constraintText="Up to 255 letters, numbers, underscores and hyphens." errorText={show(errors.name)}>
                <Input value={name} onChange={({ detail }) => setName(detail.value)} />
              </FormField>
            </Container>
            <Container title="Auto Scaling group">
              <FormField label="Use an existing Auto Scaling group" errorText={show(errors.group)}>
                <Select
                  selectedOption={group ? { value: group, label: groups.data?.find((g) => g.arn === group)?.name ?? group } : null}
                  onChange={({ detail }) => setGroup(detail.selectedOption.value ?? null)}
                  options={(groups.data ?? []).map((g) => ({ value: g.arn, label: g.name, description: `${g.desiredCapacity} desired, ${g.minSize}–${g.maxSize}` }))}
                  statusType={groups.isPending ? "loading" : groups.isError ? "error" : "finished"}
                  loadingText="Loading Auto Scaling groups"
                  placeholder="Choose an Auto Scaling group"
                  empty="No Auto Scaling groups"
                />
              </FormField>
            </Container>
            <Container title="Scaling policies">
              <SpaceBetween size="m">
                <Toggle checked={managedScaling} onChange={({ detail }) => setManagedScaling(detail.checked)} description="Amazon ECS grows and shrinks the group to fit the tasks.">
                  Turn on managed scaling
                </Toggle>
                <Toggle checked={protection} disabled={!managedScaling} onChange={({ detail }) => setProtection(detail.checked)} description="Instances with tasks are not terminated when the group scales in.">
                  Turn on scaling protection
                </Toggle>
                <FormField label="Set target capacity %" constraintText="1 to 100." errorText={show(errors.target)}>
                  <Input type="number" value={target} disabled={!managedScaling} onChange={({ detail }) => setTarget(detail.value)} />
                </FormField>
              </SpaceBetween>
            </Container>
          </SpaceBetween>
        </Form>
      </form>
    </Page>
  );
}
