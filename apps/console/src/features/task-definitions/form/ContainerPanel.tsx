import { Stack } from "../../../app/Page.tsx";
import { Button } from "../../../components/Button.tsx";
import { Container } from "../../../components/Container.tsx";
import { bind, SelectField, TextField } from "../../../components/Fields.tsx";
import { Checkbox } from "../../../components/FormField.tsx";
import { patchAt } from "../../../lib/lists.ts";
import { removeContainer } from "../../../lib/task-definition-form/edit.ts";
import { containerPath } from "../../../lib/task-definition-form/paths.ts";
import type { ContainerValues } from "../../../lib/task-definition-form/values.ts";
import { NotApplied } from "../NotApplied.tsx";
import { ContainerLogging } from "./ContainerLogging.tsx";
import { ContainerRuntime } from "./ContainerRuntime.tsx";
import { ContainerStartup } from "./ContainerStartup.tsx";
import { EnvironmentVariables } from "./EnvironmentVariables.tsx";
import { PortMappings } from "./PortMappings.tsx";
import type { ContainerPartProps, SectionProps } from "./types.ts";

const ESSENTIAL = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
] as const;

function ContainerDetails({ container, set, path }: ContainerPartProps) {
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-[1fr_2fr_auto]">
      <TextField
        label="Name"
        path={`${path}.name`}
        constraint="Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores."
        placeholder="Enter a container name"
        {...bind(container, set, "name")}
      />
      <TextField
        label="Image URI"
        path={`${path}.image`}
        constraint="repository-url/image:tag, or an image of Docker Hub by name (nginx:latest)."
        placeholder="stevedore/sample-web:latest"
        {...bind(container, set, "image")}
      />
      <SelectField
        label="Essential container"
        path={`${path}.essential`}
        className="w-32"
        value={container.essential === false ? "no" : "yes"}
        options={ESSENTIAL}
        onChange={(v) => set({ essential: v === "yes" })}
      />
    </div>
  );
}

function ResourceLimits({ container, set, path }: ContainerPartProps) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="font-bold">Resource allocation limits - conditional</legend>
      <div className="text-xs text-aws-muted">
        Container-level limits, within the task size. The memory hard limit must be at least the soft limit.
      </div>
      <div className="flex flex-wrap gap-4">
        <TextField label="CPU" path={`${path}.cpu`} constraint="CPU units (1024 = 1 vCPU)." className="w-36" numeric {...bind(container, set, "cpu")} />
        <TextField
          label="GPU"
          path={`${path}.resourceRequirements`}
          info={<NotApplied />}
          className="w-36"
          numeric
          {...bind(container, set, "gpu")}
        />
        <TextField
          label="Memory hard limit"
          path={`${path}.memory`}
          constraint="GB (0.5 = 512 MiB)."
          className="w-36"
          numeric
          {...bind(container, set, "memory")}
        />
        <TextField
          label="Memory soft limit"
          path={`${path}.memoryReservation`}
          constraint="GB (0.25 = 256 MiB)."
          className="w-36"
          numeric
          {...bind(container, set, "memoryReservation")}
        />
      </div>
    </fieldset>
  );
}

/** **Container – N**: its details, ports, limits, and the optional sections, collapsed. */
export function ContainerPanel({ values, setValues, index }: SectionProps & { index: number }) {
  const container: ContainerValues = values.containers[index]!;
  const path = containerPath(index);
  const set = (patch: Partial<ContainerValues>) => setValues((v) => ({ ...v, containers: patchAt(v.containers, index, patch) }));
  const part = { container, set, path };
  const otherNames = values.containers.filter((_, i) => i !== index).map((c) => c.name);
  return (
    <Container
      title={`Container – ${index + 1}`}
      counter={container.essential === false ? undefined : "(Essential container)"}
      actions={
        <Button
          aria-label={`Remove container ${index + 1}`}
          disabled={values.containers.length === 1}
          onClick={() => setValues((v) => removeContainer(v, container.key))}
        >
          Remove
        </Button>
      }
    >
      <Stack gap="gap-5">
        <ContainerDetails {...part} />
        <PortMappings {...part} networkMode={values.networkMode ?? "bridge"} />
        <fieldset className="flex flex-col gap-2">
          <legend className="font-bold">Read only root file system</legend>
          <Checkbox
            label="Read only"
            description="The container gets read-only access to its root file system."
            checked={container.readonlyRootFilesystem ?? false}
            onChange={(readonlyRootFilesystem) => set({ readonlyRootFilesystem })}
          />
        </fieldset>
        <ResourceLimits {...part} />
        <EnvironmentVariables {...part} values={values} index={index} />
        <ContainerLogging {...part} />
        <ContainerStartup {...part} otherNames={otherNames} />
        <ContainerRuntime {...part} />
      </Stack>
    </Container>
  );
}
