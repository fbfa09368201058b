import { bind, SelectField, TextField, useFieldError } from "../../../components/Fields.tsx";
import { RowList } from "../../../components/RowList.tsx";
import { newPortMapping } from "../../../lib/task-definition-form/defaults.ts";
import type { AppProtocol, NetworkMode, PortMappingRow } from "../../../lib/task-definition-form/values.ts";
import { Subsection } from "./Subsection.tsx";
import type { ContainerPartProps } from "./types.ts";

const PROTOCOLS = [
  { value: "tcp", label: "TCP" },
  { value: "udp", label: "UDP" },
] as const;

const APP_PROTOCOLS: { value: AppProtocol | ""; label: string }[] = [
  { value: "", label: "None" },
  { value: "http", label: "HTTP" },
  { value: "http2", label: "HTTP2" },
  { value: "grpc", label: "gRPC" },
];

/**
 * **Port mappings**: Container port, Protocol, Port name, App protocol, and Host port in bridge mode
 * (or wherever a host port is set, so that none is hidden).
 */
export function PortMappings({ container, set, path, networkMode }: ContainerPartProps & { networkMode: NetworkMode }) {
  return (
    <Subsection
      title="Port mappings"
      description={`Add port mappings to allow the container to access ports on the host to send or receive traffic.${
        networkMode === "bridge" ? " Leave Host port empty for a dynamic host port." : ""
      }`}
    >
      <RowList<PortMappingRow>
        rows={container.portMappings}
        onChange={(portMappings) => set({ portMappings })}
        newRow={() => newPortMapping()}
        rowLabel={(i) => `Port mapping ${i + 1}`}
        addLabel="Add more port mappings"
        emptyText="No port mappings."
        error={useFieldError(`${path}.portMappings`)}
      >
        {(row, setRow, label, i) => {
          const at = `${path}.portMappings[${i}]`;
          return (
            <>
              <TextField
                label="Container port"
                context={label}
                path={`${at}.containerPort`}
                className="w-32"
                numeric
                {...bind(row, setRow, "containerPort")}
              />
              <SelectField
                label="Protocol"
                context={label}
                path={`${at}.protocol`}
                className="w-28"
                value={row.protocol ?? "tcp"}
                options={PROTOCOLS}
                onChange={(protocol) => setRow({ protocol })}
              />
              {(networkMode === "bridge" || row.hostPort !== "") && (
                <TextField
                  label="Host port"
                  context={label}
                  path={`${at}.hostPort`}
                  className="w-32"
                  numeric
                  placeholder="Dynamic"
                  {...bind(row, setRow, "hostPort")}
                />
              )}
              <TextField
                label="Port name"
                context={label}
                path={`${at}.name`}
                className="w-48"
                {...bind(row, setRow, "name")}
              />
              <SelectField
                label="App protocol"
                context={label}
                path={`${at}.appProtocol`}
                className="w-32"
                value={row.appProtocol ?? ""}
                options={APP_PROTOCOLS}
                onChange={(appProtocol) => setRow({ appProtocol: appProtocol || undefined })}
              />
            </>
          );
        }}
      </RowList>
    </Subsection>
  );
}
