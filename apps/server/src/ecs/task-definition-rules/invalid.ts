import { clientException } from "../../aws/errors.ts";

/** ECS's wording for a rejected definition: "Invalid request provided: Create TaskDefinition: ...". */
export const invalidDefinition = (message: string) => clientException(`Invalid request provided: Create TaskDefinition: ${message}`);
