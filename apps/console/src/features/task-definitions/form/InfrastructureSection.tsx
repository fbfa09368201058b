import { FARGATE_TASK_SIZES, parseTaskCpu, parseTaskMemory } from "@stevedore/shared";
import { Stack } from "../../../app/Page.tsx";
import { Container, ExpandableSection } from "../../../components/Container.tsx";
import { bind, SelectField, TextField, useHasErrorsUnder } from "../../../components/Fields.tsx";
import { Checkbox } from "../../../components/FormField.tsx";
import { RowList } from "../../../components/RowList.tsx";
import { formatTaskCpu, formatTaskMemory } from "../../../lib/format.ts";
import { setLaunchType } from "../../../lib/task-definition-form/edit.ts";
import { fargateMemoryOptions, fitFargateSize, gbLabel, vcpuLabel } from "../../../lib/task-definition-form/fargate.ts";
import type { CpuArchitecture, NetworkMode, PlacementConstraintRow, TaskDefinitionFormValues } from "../../../lib/task-definition-form/values.ts";
import { NotApplied } from "../NotApplied.tsx";
import type { SectionProps } from "./types.ts";

const PLATFORMS = [
  { value: "LINUX/X86_64", label: "Linux/X86_64" },
  { value: "LINUX/ARM64", label: "Linux/ARM64" },
];

const NETWORK_MODES: { value: NetworkMode; label: string }[] = [
  { value: "awsvpc", label: "awsvpc" },
  { value: "bridge", label: "bridge" },
  { value: "host", label: "host" },
  { value: "none", label: "none" },
];

/** A size text as its number ("1 vCPU" → "1024"), so the Fargate selects find it. */
const normalized = (value: string, parse: (v: string) => number | undefined) => String(parse(value) ?? value);

function LaunchType({ values, setValues }: SectionProps) {
  const types = values.requiresCompatibilities ?? [];
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="font-bold">Launch type</legend>
      <div className="text-xs text-aws-muted">
        The infrastructure the task definition is validated for. Stevedore runs every task on the EC2 container instances of
        its clusters.
      </div>
      <Checkbox
        label="AWS Fargate"
        description="Serverless compute for containers: awsvpc network mode and Fargate's task sizes."
        checked={types.includes("FARGATE")}
        onChange={(checked) => setValues((v) => setLaunchType(v, "FARGATE", checked))}
      />
      <Checkbox
        label="Amazon EC2 instances"
        description="Self-managed infrastructure using Amazon EC2 instances: every network mode, any task size."
        checked={types.includes("EC2")}
        onChange={(checked) => setValues((v) => setLaunchType(v, "EC2", checked))}
      />
    </fieldset>
  );
}

/** Task size on EC2: any CPU units and MiB (or "1 vCPU", "3 GB"), shown as the console reads them. */
const FREE_SIZES = [
  { key: "cpu", label: "CPU", placeholder: "1024", format: formatTaskCpu, hint: "CPU units (1024 = 1 vCPU), 128 to 196,608. Optional." },
  { key: "memory", label: "Memory", placeholder: "3072", format: formatTaskMemory, hint: 'MiB (3072 = 3 GB), or "3 GB". Optional.' },
] as const;

const ROLES = [
  { key: "taskRoleArn", label: "Task role", description: "The IAM role the task's containers use to call AWS APIs. Leave empty for None." },
  { key: "executionRoleArn", label: "Task execution role", description: "The IAM role the agent uses to pull images and send logs. Leave empty for None." },
] as const;

type SetField = (patch: Partial<TaskDefinitionFormValues>) => void;

function TaskSize({ values, setField, fargate }: { values: TaskDefinitionFormValues; setField: SetField; fargate: boolean }) {
  const cpu = normalized(values.cpu, parseTaskCpu);
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="font-bold">Task size</legend>
      <div className="text-xs text-aws-muted">Specify the amount of CPU and memory to reserve for your task.</div>
      <div className="flex flex-wrap gap-4">
        {fargate ? (
          <>
            <SelectField
              label="CPU"
              path="cpu"
              className="w-40"
              value={cpu}
              options={[...FARGATE_TASK_SIZES.keys()].map((units) => ({ value: String(units), label: vcpuLabel(units) }))}
              onChange={(next) => setField(fitFargateSize(next, values.memory))}
            />
            <SelectField
              label="Memory"
              path="memory"
              className="w-40"
              value={normalized(values.memory, parseTaskMemory)}
              options={fargateMemoryOptions(cpu).map((mib) => ({ value: String(mib), label: gbLabel(mib) }))}
              onChange={(memory) => setField({ memory })}
            />
          </>
        ) : (
          FREE_SIZES.map(({ key, label, placeholder, format, hint }) => (
            <TextField
              key={key}
              label={label}
              path={key}
              className="w-48"
              placeholder={placeholder}
              constraint={values[key] ? format(values[key]) : hint}
              {...bind(values, setField, key)}
            />
          ))
        )}
      </div>
    </fieldset>
  );
}

function TaskPlacement({ values, setValues }: SectionProps) {
  return (
    <ExpandableSection
      title="Task placement - optional"
      description="Placement constraints the scheduler applies to every task of this definition (memberOf cluster query language expressions)."
      defaultExpanded={values.placementConstraints.length > 0}
      forceExpanded={useHasErrorsUnder("placementConstraints")}
    >
      <RowList<PlacementConstraintRow>
        rows={values.placementConstraints}
        onChange={(placementConstraints) => setValues((v) => ({ ...v, placementConstraints }))}
        newRow={() => ({ type: "memberOf", expression: "" })}
        rowLabel={(i) => `Placement constraint ${i + 1}`}
        addLabel="Add placement constraint"
        emptyText="No placement constraints."
        max={10}
        noun="constraints"
      >
        {(row, set, label, i) => (
          <>
            <SelectField
              label="Type"
              context={label}
              path={`placementConstraints[${i}].type`}
              className="w-40"
              value={row.type}
              options={[{ value: "memberOf", label: "memberOf" }]}
              onChange={(type) => set({ type })}
            />
            <TextField
              label="Expression"
              context={label}
              path={`placementConstraints[${i}].expression`}
              className="w-[28rem]"
              placeholder="attribute:ecs.instance-type =~ t3.*"
              {...bind(row, set, "expression")}
            />
          </>
        )}
      </RowList>
    </ExpandableSection>
  );
}

/** **Infrastructure requirements**: launch type, OS/architecture, network mode, task size, roles, placement. */
export function InfrastructureSection({ values, setValues }: SectionProps) {
  const fargate = values.requiresCompatibilities?.includes("FARGATE") ?? false;
  const platform = `${values.operatingSystemFamily ?? "LINUX"}/${values.cpuArchitecture ?? "X86_64"}`;
  const setField: SetField = (patch) => setValues((v) => ({ ...v, ...patch }));
  return (
    <Container title="Infrastructure requirements" description="Specify the infrastructure requirements for the task definition.">
      <Stack gap="gap-5">
        <LaunchType values={values} setValues={setValues} />
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <SelectField
            label="Operating system/Architecture"
            path="runtimePlatform"
            value={platform}
            options={PLATFORMS}
            onChange={(next) => {
              const [os, arch] = next.split("/");
              setField({ operatingSystemFamily: os, cpuArchitecture: arch as CpuArchitecture });
            }}
          />
          <SelectField<NetworkMode>
            label="Network mode"
            path="networkMode"
            value={values.networkMode ?? "bridge"}
            options={fargate ? NETWORK_MODES.slice(0, 1) : NETWORK_MODES}
            disabled={fargate && values.networkMode === "awsvpc"}
            constraint={
              fargate
                ? "AWS Fargate takes awsvpc only."
                : "awsvpc: each task has an address of its own. bridge: Docker's bridge, with host ports. host: the host's network."
            }
            onChange={(networkMode) => setField({ networkMode })}
          />
        </div>
        <TaskSize values={values} setField={setField} fargate={fargate} />
        <fieldset className="flex flex-col gap-2">
          <legend className="font-bold">Task roles - optional</legend>
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            {ROLES.map(({ key, label, description }) => (
              <TextField
                key={key}
                label={label}
                path={key}
                info={<NotApplied />}
                description={description}
                placeholder="None"
                {...bind(values, setField, key)}
              />
            ))}
          </div>
        </fieldset>
        <TaskPlacement values={values} setValues={setValues} />
      </Stack>
    </Container>
  );
}
