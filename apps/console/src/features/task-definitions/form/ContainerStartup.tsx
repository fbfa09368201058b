import { ExpandableSection } from "../../../components/Container.tsx";
import { bind, SelectField, TextField, useHasErrorsUnder } from "../../../components/Fields.tsx";
import { RowList } from "../../../components/RowList.tsx";
import type { DependencyCondition, DependencyRow, HealthCheckValues } from "../../../lib/task-definition-form/values.ts";
import type { ContainerPartProps } from "./types.ts";

const HEALTH_FIELDS = [
  { key: "interval", label: "Interval", constraint: "5 to 300 seconds (default 30)." },
  { key: "timeout", label: "Timeout", constraint: "2 to 60 seconds (default 5)." },
  { key: "startPeriod", label: "Start period", constraint: "0 to 300 seconds (default 0)." },
  { key: "retries", label: "Retries", constraint: "1 to 10 (default 3)." },
] as const;

const CONDITIONS: { value: DependencyCondition; label: string }[] = [
  { value: "START", label: "START" },
  { value: "COMPLETE", label: "COMPLETE" },
  { value: "SUCCESS", label: "SUCCESS" },
  { value: "HEALTHY", label: "HEALTHY" },
];

function HealthCheck({ container, set, path }: ContainerPartProps) {
  const health = container.healthCheck;
  const setHealth = (patch: Partial<HealthCheckValues>) => set({ healthCheck: { ...health, ...patch } });
  return (
    <ExpandableSection
      title="HealthCheck - optional"
      description="The command Docker runs in the container to check that it is healthy."
      defaultExpanded={health.command !== ""}
      forceExpanded={useHasErrorsUnder(`${path}.healthCheck`)}
    >
      <div className="flex flex-col gap-4">
        <TextField
          label="Command"
          path={`${path}.healthCheck.command`}
          description="Comma-separated, starting with CMD or CMD-SHELL."
          placeholder="CMD-SHELL,curl -f http://localhost/ || exit 1"
          {...bind(health, setHealth, "command")}
        />
        <div className="flex flex-wrap gap-4">
          {HEALTH_FIELDS.map(({ key, label, constraint }) => (
            <TextField key={key} label={label} path={`${path}.healthCheck.${key}`} constraint={constraint} className="w-36" numeric {...bind(health, setHealth, key)} />
          ))}
        </div>
      </div>
    </ExpandableSection>
  );
}

function Dependencies({ container, set, path, otherNames }: ContainerPartProps & { otherNames: string[] }) {
  return (
    <ExpandableSection
      title="Startup dependency ordering - optional"
      description="Start this container once the containers it depends on reach a condition."
      defaultExpanded={container.dependsOn.length > 0}
      forceExpanded={useHasErrorsUnder(`${path}.dependsOn`)}
    >
      <RowList<DependencyRow>
        rows={container.dependsOn}
        onChange={(dependsOn) => set({ dependsOn })}
        newRow={() => ({ containerName: otherNames[0] ?? "", condition: "START" })}
        rowLabel={(i) => `Container dependency ${i + 1}`}
        addLabel="Add container dependency"
        emptyText="No container dependencies."
      >
        {(row, setRow, label, i) => (
          <>
            <SelectField
              label="Container"
              context={label}
              path={`${path}.dependsOn[${i}].containerName`}
              className="w-56"
              value={row.containerName}
              options={otherNames.map((name) => ({ value: name, label: name }))}
              onChange={(containerName) => setRow({ containerName })}
            />
            <SelectField
              label="Condition"
              context={label}
              className="w-40"
              options={CONDITIONS}
              {...bind(row, setRow, "condition")}
            />
          </>
        )}
      </RowList>
    </ExpandableSection>
  );
}

const TIMEOUTS = [
  { key: "startTimeout", label: "Start timeout", constraint: "Seconds to wait for dependencies (default 180)." },
  { key: "stopTimeout", label: "Stop timeout", constraint: "Seconds before the container is killed (default 30)." },
] as const;

function Timeouts({ container, set, path }: ContainerPartProps) {
  return (
    <ExpandableSection
      title="Container timeouts - optional"
      defaultExpanded={TIMEOUTS.some(({ key }) => container[key] !== "")}
      forceExpanded={useHasErrorsUnder(...TIMEOUTS.map(({ key }) => `${path}.${key}`))}
    >
      <div className="flex flex-wrap gap-4">
        {TIMEOUTS.map(({ key, label, constraint }) => (
          <TextField key={key} label={label} path={`${path}.${key}`} constraint={constraint} className="w-36" numeric {...bind(container, set, key)} />
        ))}
      </div>
    </ExpandableSection>
  );
}

/** HealthCheck, Startup dependency ordering and Container timeouts. */
export function ContainerStartup(props: ContainerPartProps & { otherNames: string[] }) {
  return (
    <>
      <HealthCheck {...props} />
      <Dependencies {...props} />
      <Timeouts {...props} />
    </>
  );
}
