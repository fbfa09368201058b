/**
 * **Compute options** of Run task and Create service: a **Capacity provider strategy** (the cluster's
 * default, or custom rows of Capacity provider, Base and Weight) or a **Launch type** (FARGATE / EC2),
 * and the **Platform version** when the tasks go to Fargate. Issues come from FieldErrors at "compute"
 * and "compute.strategy[i].*".
 */
import { Stack } from "../../app/Page.tsx";
import { Alert } from "../../components/Alert.tsx";
import { bind, SelectField, TextField, useFieldError } from "../../components/Fields.tsx";
import { RadioGroup } from "../../components/FormField.tsx";
import { RowList } from "../../components/RowList.tsx";
import {
  effectiveLaunchType,
  LAUNCH_TYPES,
  newStrategyRow,
  PLATFORM_VERSIONS,
  strategyItemText,
  type ClusterCapacity,
  type ComputeValues,
  type StrategyRow,
} from "../../lib/compute.ts";

export function ComputeFields({
  value,
  onChange,
  cluster,
}: {
  value: ComputeValues;
  onChange: (value: ComputeValues) => void;
  cluster: ClusterCapacity | undefined;
}) {
  const set = (patch: Partial<ComputeValues>) => onChange({ ...value, ...patch });
  const error = useFieldError("compute");
  const providers = cluster?.capacityProviders ?? [];
  const defaults = cluster?.defaultCapacityProviderStrategy ?? [];
  const launchType = effectiveLaunchType(value, cluster);
  return (
    <Stack gap="gap-4">
      <RadioGroup
        legend="Compute options"
        description="To ensure task distribution across your compute types, use appropriate compute options."
        value={value.option}
        onChange={(option) => set({ option })}
        options={[
          {
            value: "capacity-provider-strategy",
            label: "Capacity provider strategy",
            description: "Specify a launch strategy to distribute your tasks across one or more capacity providers.",
          },
          { value: "launch-type", label: "Launch type", description: "Launch tasks directly without the use of a capacity provider strategy." },
        ]}
      />
      {value.option === "capacity-provider-strategy" ? (
        <>
          <RadioGroup
            legend="Capacity provider strategy"
            description="To use a capacity provider in a strategy, the capacity provider must be associated with the cluster."
            value={value.strategyChoice}
            onChange={(strategyChoice) => set({ strategyChoice, strategy: value.strategy.length ? value.strategy : [newStrategyRow(providers[0] ?? "")] })}
            options={[
              {
                value: "cluster-default",
                label: "Use cluster default",
                description: defaults.length ? defaults.map(strategyItemText).join(", ") : "The cluster has no default capacity provider strategy.",
                disabled: defaults.length === 0,
              },
              { value: "custom", label: "Use custom (Advanced)", description: "Choose the capacity providers, their base and their weight." },
            ]}
          />
          {value.strategyChoice === "custom" && (
            <RowList<StrategyRow>
              rows={value.strategy}
              onChange={(strategy) => set({ strategy })}
              newRow={() => newStrategyRow(providers.find((p) => !value.strategy.some((r) => r.capacityProvider === p)) ?? "")}
              rowLabel={(i) => `Capacity provider strategy ${i + 1}`}
              addLabel="Add capacity provider strategy"
              emptyText="No capacity providers in the strategy."
              max={Math.max(providers.length, 1)}
              noun="capacity providers"
            >
              {(row, setRow, label, i) => {
                const at = `compute.strategy[${i}]`;
                return (
                  <>
                    <SelectField
                      label="Capacity provider"
                      context={label}
                      path={`${at}.capacityProvider`}
                      className="w-72"
                      value={row.capacityProvider}
                      options={[
                        ...(row.capacityProvider ? [] : [{ value: "", label: "Choose a capacity provider" }]),
                        ...providers.map((p) => ({ value: p, label: p })),
                      ]}
                      onChange={(capacityProvider) => setRow({ capacityProvider })}
                    />
                    <TextField label="Base" context={label} path={`${at}.base`} className="w-28" numeric {...bind(row, setRow, "base")} />
                    <TextField label="Weight" context={label} path={`${at}.weight`} className="w-28" numeric {...bind(row, setRow, "weight")} />
                  </>
                );
              }}
            </RowList>
          )}
          {providers.length === 0 && (
            <p className="text-sm text-aws-muted">
              The cluster has no capacity providers. Associate them when creating the cluster, or choose a launch type.
            </p>
          )}
        </>
      ) : (
        <SelectField
          label="Launch type"
          path="compute.launchType"
          className="w-72"
          value={value.launchType}
          options={LAUNCH_TYPES.map((t) => ({ value: t, label: t }))}
          onChange={(launchType) => set({ launchType })}
        />
      )}
      {launchType === "FARGATE" && (
        <SelectField
          label="Platform version"
          description="The Fargate platform version your tasks run on. LATEST is 1.4.0."
          path="compute.platformVersion"
          className="w-72"
          value={value.platformVersion}
          options={PLATFORM_VERSIONS.map((v) => ({ value: v, label: v }))}
          onChange={(platformVersion) => set({ platformVersion })}
        />
      )}
      {error && (
        <Alert type="error" header="Compute configuration">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
