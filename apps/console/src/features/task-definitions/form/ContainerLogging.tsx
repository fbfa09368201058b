import { ExpandableSection } from "../../../components/Container.tsx";
import { bind, SelectField, useFieldError, useHasErrorsUnder } from "../../../components/Fields.tsx";
import { Checkbox } from "../../../components/FormField.tsx";
import { TagEditor } from "../../../components/TagEditor.tsx";
import { NotApplied } from "../NotApplied.tsx";
import type { ContainerPartProps } from "./types.ts";

const LOG_DRIVERS = [
  { value: "awslogs", label: "Amazon CloudWatch" },
  { value: "awsfirelens", label: "AWS FireLens (Splunk, Data Firehose, Kinesis, OpenSearch, S3)" },
  { value: "splunk", label: "Splunk" },
  { value: "json-file", label: "json-file" },
  { value: "syslog", label: "syslog" },
  { value: "fluentd", label: "fluentd" },
];

/** **Logging**: Use log collection, the destination and its options. */
export function ContainerLogging({ container, set, path }: ContainerPartProps) {
  const log = container.log;
  const setLog = (patch: Partial<typeof log>) => set({ log: { ...log, ...patch } });
  const optionsError = useFieldError(`${path}.logConfiguration.options`);
  return (
    <ExpandableSection
      title="Logging - optional"
      description="Amazon CloudWatch (awslogs) sends the container's output to CloudWatch Logs; other destinations are stored as given."
      defaultExpanded
      forceExpanded={useHasErrorsUnder(`${path}.logConfiguration`)}
    >
      <div className="flex flex-col gap-4">
        <div className="flex items-start gap-1">
          <Checkbox
            label="Use log collection"
            description="Send the container's logs to a destination."
            checked={log.enabled}
            onChange={(enabled) => setLog({ enabled })}
          />
          {log.enabled && log.logDriver !== "awslogs" && <NotApplied />}
        </div>
        {log.enabled && (
          <>
            <SelectField
              label="Log destination"
              path={`${path}.logConfiguration.logDriver`}
              className="w-[28rem]"
              options={LOG_DRIVERS}
              {...bind(log, setLog, "logDriver")}
            />
            <TagEditor
              tags={log.options}
              onChange={(options) => setLog({ options })}
              error={optionsError}
              addLabel="Add option"
              emptyText="No log options."
              valueLabel="Value"
              rowNoun="Log option"
              max={20}
              noun="options"
            />
          </>
        )}
      </div>
    </ExpandableSection>
  );
}
