/** ELB's errors, with the codes of its model (DuplicateLoadBalancerName, not ...Exception) and its messages. */
import { AwsError } from "../aws/errors.ts";

export const validation = (message: string) => new AwsError("ValidationError", message);
export const loadBalancerNotFound = () => new AwsError("LoadBalancerNotFound", "One or more load balancers not found");
export const targetGroupNotFound = () => new AwsError("TargetGroupNotFound", "One or more target groups not found");
export const listenerNotFound = () => new AwsError("ListenerNotFound", "One or more listeners not found");
export const ruleNotFound = () => new AwsError("RuleNotFound", "One or more rules not found");
export const invalidAction = (message: string) => new AwsError("InvalidLoadBalancerAction", message);
export const invalidTarget = (message: string) => new AwsError("InvalidTarget", message);
export const invalidConfiguration = (message: string) => new AwsError("InvalidConfigurationRequest", message);
export const resourceInUse = (message: string) => new AwsError("ResourceInUse", message);
export const operationNotPermitted = (message: string) => new AwsError("OperationNotPermitted", message);
