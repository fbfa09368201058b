/** A field of the RegisterTaskDefinition body, e.g. ["containerDefinitions", 0, "memory"]. */
export type IssuePath = (string | number)[];

/** What a rule reports: the field at fault and ECS's words for it, for the server's error and the console's form alike. */
export interface TaskDefinitionIssue {
  /** The field at fault: where a form shows the message. */
  path: IssuePath;
  /** ECS's sentence about the field. */
  message: string;
  /** The message of ECS's ClientException: every rule here is a ClientException, some with a prefix (requestIssue). */
  error: string;
}

export const issue = (path: IssuePath, message: string): TaskDefinitionIssue => ({ path, message, error: message });

/** ECS words the rules on the definition's structure as "Invalid request provided: Create TaskDefinition: ...". */
export const requestIssue = (path: IssuePath, message: string): TaskDefinitionIssue => ({
  path,
  message,
  error: `Invalid request provided: Create TaskDefinition: ${message}`,
});
