import type { Failure } from "@stevedore/shared";
import { useEffect, useState, type FormEvent } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { FailureList } from "./FailureList.tsx";
import { Link } from "../../components/Link.tsx";
import { useFlash } from "../../app/flash.tsx";
import { focusFirstInvalid } from "../../lib/focus.ts";
import { Page, Stack } from "../../app/Page.tsx";
import { Alert } from "../../components/Alert.tsx";
import { Button, LinkButton } from "../../components/Button.tsx";
import { Container, ExpandableSection } from "../../components/Container.tsx";
import { FormField, Input, RadioGroup } from "../../components/FormField.tsx";
import { TagEditor as EnvironmentEditor, type TagRow } from "../../components/TagEditor.tsx";
import type { RunTaskInput } from "../../api/ecs.ts";
import { environmentOverride, parseList } from "../../lib/command.ts";
import { shortId } from "../../lib/format.ts";
import { DEFAULT_PLACEMENT, hasPlacementIssues, placementIssues, toApiPlacement, type PlacementValue } from "../../lib/placement.ts";
import { PlacementEditor } from "../../components/PlacementEditor.tsx";
import { useClusters } from "../clusters/queries.ts";
import { FieldErrors } from "../../components/Fields.tsx";
import type { ComputeValues } from "../../lib/compute.ts";
import { checkLaunch, computeOf, launchRequest, launchTypeOf, networkOf, placementApplies, type LaunchContext } from "../../lib/launch.ts";
import type { NetworkValues } from "../../lib/networking.ts";
import { NetworkingSection } from "../networking/NetworkingFields.tsx";
import { useDefaultVpc } from "../networking/queries.ts";
import { ComputeFields } from "../services/ComputeFields.tsx";
import { ClusterSelect, definitionFacts, FamilyRevisionSelects } from "../services/ServiceFormSections.tsx";
import { FargatePlacementNotice } from "../services/ServicePlacement.tsx";
import { useTaskDefinition, useTaskDefinitionRevisions } from "../task-definitions/queries.ts";
import { useRunTask } from "./mutations.ts";

interface OverrideRow {
  command: string;
  environment: TagRow[];
}

/**
 * **Run task**, from a cluster's Tasks tab (/clusters/:cluster/run-task) or from a task definition's
 * **Deploy** menu (/task-definitions/:family/run-task?revision=N).
 */
export function RunTaskPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const flash = useFlash();
  const clusters = useClusters();
  const run = useRunTask();

  const [cluster, setCluster] = useState(params.cluster ?? search.get("cluster") ?? "");
  const [family, setFamily] = useState(params.family ?? "");
  const [revision, setRevision] = useState(search.get("revision") ?? "LATEST");
  const [count, setCount] = useState("1");
  const [group, setGroup] = useState("");
  const [placement, setPlacement] = useState<PlacementValue>(DEFAULT_PLACEMENT);
  /** null: the console's default for the cluster and task definition (and the default VPC), until edited. */
  const [compute, setCompute] = useState<ComputeValues | null>(null);
  const [network, setNetwork] = useState<NetworkValues | null>(null);
  const [overrides, setOverrides] = useState<Record<string, OverrideRow>>({});
  const [submitted, setSubmitted] = useState(false);
  const [failures, setFailures] = useState<Failure[]>([]);

  const revisions = useTaskDefinitionRevisions(family, "ACTIVE");
  const latestRevision = revisions.data?.[0]?.revision;
  const selected = useTaskDefinition(family, revision === "LATEST" ? String(latestRevision ?? "") : revision);
  const containers = selected.data?.taskDefinition.containerDefinitions ?? [];
  const vpc = useDefaultVpc();
  const ctx: LaunchContext = {
    cluster: clusters.data?.find((c) => c.clusterName === cluster),
    definition: selected.data && (revision !== "LATEST" || revisions.data) ? definitionFacts(selected.data.taskDefinition) : undefined,
    vpc: vpc.data ?? undefined,
  };
  const launch = { compute, network };
  const onEc2 = placementApplies(launch, ctx);
  // Compute and networking depend on these: wait for them before sending.
  const loading = clusters.isPending || (!!family && !ctx.definition && !selected.error) || vpc.isPending;

  // Without a cluster in the URL, preselect the first one.
  useEffect(() => {
    if (!cluster && clusters.data?.[0]) setCluster(clusters.data[0].clusterName);
  }, [cluster, clusters.data]);

  const countNumber = Number(count);
  const errors = {
    cluster: cluster ? undefined : "Choose a cluster.",
    family: family ? undefined : "Choose a task definition family.",
    count:
      Number.isInteger(countNumber) && countNumber >= 1 && countNumber <= 10
        ? undefined
        : "Desired tasks must be a whole number from 1 to 10.",
  };
  const launchErrors = checkLaunch(launch, ctx) as Record<string, string>;
  const placementInvalid = onEc2 && hasPlacementIssues(placementIssues(placement));
  const valid = !errors.cluster && !errors.family && !errors.count && !placementInvalid && Object.keys(launchErrors).length === 0;

  const setOverride = (name: string, patch: Partial<OverrideRow>) =>
    setOverrides((all) => ({ ...all, [name]: { command: "", environment: [], ...all[name], ...patch } }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setFailures([]);
    if (!valid) {
      focusFirstInvalid(e.currentTarget as HTMLFormElement);
      return;
    }
    if (loading) return;
    const containerOverrides = containers
      .map((c) => {
        const o = overrides[c.name];
        const command = o ? parseList(o.command) : undefined;
        const environment = o ? environmentOverride(o.environment) : [];
        if (!command && environment.length === 0) return undefined;
        return { name: c.name, ...(command ? { command } : {}), ...(environment.length ? { environment } : {}) };
      })
      .filter((o): o is NonNullable<typeof o> => !!o);
    const input: RunTaskInput = {
      cluster,
      taskDefinition: revision === "LATEST" ? family : `${family}:${revision}`,
      count: countNumber,
      ...launchRequest(launch, ctx),
      group: group.trim() || undefined,
      overrides: containerOverrides.length ? { containerOverrides } : undefined,
      ...(onEc2 ? toApiPlacement(placement) : {}),
    };
    run.mutate(input, {
      onSuccess: ({ tasks, failures }) => {
        if (tasks.length === 0) {
          setFailures(failures.length ? failures : [{ reason: "No tasks were started." }]);
          return;
        }
        const path = `/clusters/${encodeURIComponent(cluster)}/tasks`;
        flash.push({
          type: "success",
          header: "Tasks launched",
          content: (
            <ul>
              {tasks.map((t) => (
                <li key={t.taskArn}>
                  <Link to={`${path}/${shortId(t.taskArn)}/configuration`}>{shortId(t.taskArn)}</Link>
                </li>
              ))}
            </ul>
          ),
          path,
        });
        if (failures.length)
          flash.push({
            type: "error",
            header: `${failures.length} of ${countNumber} tasks could not be placed`,
            content: <FailureList failures={failures} />,
            path,
          });
        navigate(path);
      },
    });
  };

  const fromDefinition = params.family !== undefined;
  return (
    <Page
      breadcrumbs={
        fromDefinition
          ? [
              { text: "Task definitions", href: "/task-definitions" },
              { text: family, href: `/task-definitions/${encodeURIComponent(family)}` },
              { text: "Run task" },
            ]
          : [
              { text: "Clusters", href: "/clusters" },
              { text: cluster, href: `/clusters/${encodeURIComponent(cluster)}/tasks` },
              { text: "Run task" },
            ]
      }
      title="Run task"
      description="Run a standalone task from a task definition on a cluster's capacity: Fargate or its container instances."
    >
      <form onSubmit={onSubmit} noValidate aria-label="Run task">
        <FieldErrors value={submitted ? launchErrors : {}}>
          <Stack>
            {failures.length > 0 && (
              <Alert type="error" header="Unable to run task" scrollIntoView>
                <FailureList failures={failures} />
              </Alert>
            )}
            {run.error && (
              <Alert type="error" header="Unable to run task" scrollIntoView>
                {run.error.message}
              </Alert>
            )}

            <Container title="Environment">
              <Stack gap="gap-4">
                <ClusterSelect
                  value={cluster}
                  onChange={(next) => {
                    setCluster(next);
                    setCompute(null);
                  }}
                  error={submitted ? errors.cluster : undefined}
                />
                <ExpandableSection title="Compute configuration" defaultExpanded>
                  <ComputeFields value={computeOf(launch, ctx)} onChange={setCompute} cluster={ctx.cluster} />
                </ExpandableSection>
              </Stack>
            </Container>

            <Container title="Deployment configuration">
              <Stack gap="gap-4">
                <RadioGroup
                  legend="Application type"
                  value="task"
                  onChange={() => undefined}
                  options={[
                    { value: "service", label: "Service", description: "Not available in Stevedore yet.", disabled: true },
                    {
                      value: "task",
                      label: "Task",
                      description: "Launch a standalone task that runs and terminates, such as a batch job.",
                    },
                  ]}
                />
                <fieldset className="flex flex-col gap-3">
                  <legend className="font-bold">Task definition</legend>
                  <FamilyRevisionSelects
                    family={family}
                    revision={revision}
                    onFamilyChange={(next) => {
                      setFamily(next);
                      setRevision("LATEST");
                      setOverrides({});
                    }}
                    onRevisionChange={setRevision}
                    familyError={submitted ? errors.family : undefined}
                  />
                  {selected.error && <Alert type="error">{selected.error.message}</Alert>}
                </fieldset>
                <FormField
                  label="Desired tasks"
                  description="Specify the number of tasks to launch."
                  constraint="1 to 10 tasks."
                  error={submitted ? errors.count : undefined}
                >
                  {(p) => (
                    <Input {...p} className="w-36" type="number" min={1} max={10} value={count} onChange={(v) => setCount(v)} />
                  )}
                </FormField>
                <FormField
                  label="Task group"
                  info="- optional"
                  description="Tasks with the same group name are treated as a set when spreading placement. The default is family:<family name>."
                >
                  {(p) => <Input {...p} value={group} onChange={(v) => setGroup(v)} placeholder={family ? `family:${family}` : ""} />}
                </FormField>
              </Stack>
            </Container>

            <NetworkingSection networkMode={ctx.definition?.networkMode} launchType={launchTypeOf(launch, ctx)} value={networkOf(launch, ctx)} onChange={setNetwork} />

            {onEc2 ? (
              <Container title="Task Placement" description="Choose how tasks are placed on your cluster's container instances.">
                <PlacementEditor value={placement} onChange={setPlacement} cluster={cluster || undefined} showErrors={submitted} />
              </Container>
            ) : (
              <FargatePlacementNotice title="Task Placement" />
            )}

            <Container title="Task overrides" description="Override the command and environment variables of the task definition's containers.">
              {containers.length === 0 ? (
                <div className="text-aws-muted">Choose a task definition to override its containers.</div>
              ) : (
                <Stack gap="gap-4">
                  <div className="font-bold">Container overrides</div>
                  {containers.map((c) => (
                    <ExpandableSection key={c.name} title={c.name} description={c.image}>
                      <Stack gap="gap-4">
                        <FormField
                          label="Command override"
                          description={'A comma-separated list, e.g. sh,-c,"echo hello; sleep 60". Leave empty to keep the definition\'s command.'}
                        >
                          {(p) => (
                            <Input
                              {...p}
                              className="w-full max-w-2xl font-mono"
                              value={overrides[c.name]?.command ?? ""}
                              onChange={(v) => setOverride(c.name, { command: v })}
                              placeholder={c.command ? c.command.join(",") : ""}
                            />
                          )}
                        </FormField>
                        <div>
                          <div className="mb-2 font-bold">Environment variables</div>
                          <EnvironmentEditor
                            tags={overrides[c.name]?.environment ?? []}
                            onChange={(environment) => setOverride(c.name, { environment })}
                            addLabel="Add environment variable"
                            emptyText="No environment variable overrides."
                            valueLabel="Value"
                            max={100}
                            noun="environment variables"
                          />
                        </div>
                      </Stack>
                    </ExpandableSection>
                  ))}
                </Stack>
              )}
            </Container>

            <div className="flex justify-end gap-2">
              <LinkButton variant="link" to={cluster ? `/clusters/${encodeURIComponent(cluster)}/tasks` : "/clusters"}>
                Cancel
              </LinkButton>
              <Button variant="primary" type="submit" loading={run.isPending} disabled={loading}>
                Create
              </Button>
            </div>
          </Stack>
        </FieldErrors>
      </form>
    </Page>
  );
}
