/**
 * The trimmed form of AWS's API models (botocore's service-2.json) that scripts/generate-aws-models.mjs
 * writes to models/: what the request decoder walks and the generated types are made from.
 */

export interface MemberRef {
  shape: string;
  /** The member's name on the wire where it differs (Query, EC2, XML). */
  locationName?: string;
  /** EC2's name for the member in a request. */
  queryName?: string;
  flattened?: boolean;
  idempotencyToken?: boolean;
  jsonvalue?: boolean;
}

export interface Shape {
  type: "structure" | "list" | "map" | "string" | "integer" | "long" | "float" | "double" | "boolean" | "timestamp" | "blob";
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  flattened?: boolean;
  locationName?: string;
  timestampFormat?: string;
  /** A free-form JSON document. */
  document?: boolean;
  exception?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
}

export interface OperationModel {
  input?: string;
  output?: string;
  /** Query protocol: the element that wraps the output (`<ActionResult>`). */
  resultWrapper?: string;
  errors: string[];
}

export interface ServiceModel {
  metadata: {
    apiVersion: string;
    protocol: string;
    targetPrefix?: string;
    jsonVersion?: string;
    xmlNamespace?: string;
    endpointPrefix?: string;
    signingName?: string;
    serviceId?: string;
  };
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}

/** A timestamp: a Date once decoded; views may also give epoch seconds, as the JSON wire carries them. */
export type AwsTimestamp = Date | number;
