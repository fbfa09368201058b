/**
 * IAM's words shared by the server and the console: ARNs, the names IAM accepts, and the AWS managed
 * policies that ECS tutorials and the console attach (they exist in every account, as on AWS). A
 * policy's document says what it grants; Stevedore shows it and evaluates no permissions.
 */

export const iamArn = (accountId: string, kind: "role" | "policy" | "instance-profile" | "user", path: string, name: string) =>
  `arn:aws:iam::${accountId}:${kind}${path}${name}`;

/** A role named by name or ARN (`arn:aws:iam::<account>:role/<path><name>`): its account and name. */
export function parseRoleArn(arn: string): { accountId: string; name: string } | undefined {
  const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]{1,64})$/.exec(arn);
  return m ? { accountId: m[1]!, name: m[2]! } : undefined;
}

/** IAM's role, policy and instance profile names: letters, digits and `+=,.@_-`. */
export const IAM_NAME = /^[\w+=,.@-]+$/;
/** IAM paths: `/` or `/segment/.../`. */
export const IAM_PATH = /^\/(?:[\x21-\x7E]*\/)?$/;

export interface ManagedPolicy {
  name: string;
  /** The path within `arn:aws:iam::aws:policy`. */
  path: string;
  description: string;
  /** The actions its one Allow statement grants on every resource. */
  actions: string[];
}

const policy = (name: string, path: string, description: string, actions: string[]): ManagedPolicy => ({ name, path, description, actions });

export const AWS_MANAGED_POLICIES: readonly ManagedPolicy[] = [
  policy("AmazonECSTaskExecutionRolePolicy", "/service-role/", "Provides access to other AWS service resources that are required to run Amazon ECS tasks", [
    "ecr:GetAuthorizationToken",
    "ecr:BatchCheckLayerAvailability",
    "ecr:GetDownloadUrlForLayer",
    "ecr:BatchGetImage",
    "logs:CreateLogStream",
    "logs:PutLogEvents",
  ]),
  policy("AmazonEC2ContainerServiceforEC2Role", "/service-role/", "Default policy for the Amazon EC2 Role for Amazon EC2 Container Service.", [
    "ec2:DescribeTags",
    "ecs:CreateCluster",
    "ecs:DeregisterContainerInstance",
    "ecs:DiscoverPollEndpoint",
    "ecs:Poll",
    "ecs:RegisterContainerInstance",
    "ecs:StartTelemetrySession",
    "ecs:UpdateContainerInstancesState",
    "ecs:Submit*",
    "ecr:GetAuthorizationToken",
    "ecr:BatchCheckLayerAvailability",
    "ecr:GetDownloadUrlForLayer",
    "ecr:BatchGetImage",
    "logs:CreateLogStream",
    "logs:PutLogEvents",
  ]),
  policy("AmazonEC2ContainerServiceRole", "/service-role/", "Default policy for Amazon ECS service role.", [
    "ec2:AuthorizeSecurityGroupIngress",
    "ec2:Describe*",
    "elasticloadbalancing:DeregisterInstancesFromLoadBalancer",
    "elasticloadbalancing:DeregisterTargets",
    "elasticloadbalancing:Describe*",
    "elasticloadbalancing:RegisterInstancesWithLoadBalancer",
    "elasticloadbalancing:RegisterTargets",
  ]),
  policy("AmazonEC2ContainerServiceAutoscaleRole", "/service-role/", "Policy to enable Task Autoscaling for Amazon EC2 Container Service", ["ecs:DescribeServices", "ecs:UpdateService", "cloudwatch:DescribeAlarms", "cloudwatch:PutMetricAlarm"]),
  policy("AmazonEC2ContainerServiceEventsRole", "/service-role/", "Policy to enable CloudWatch Events for EC2 Container Service", ["ecs:RunTask", "iam:PassRole"]),
  policy("AmazonECSInfrastructureRolePolicyForVolumes", "/", "Provides Amazon ECS access to manage Amazon EBS volumes attached to tasks", ["ec2:AttachVolume", "ec2:CreateVolume", "ec2:DeleteVolume", "ec2:DescribeVolumes", "ec2:DetachVolume"]),
  policy("AmazonECSInfrastructureRolePolicyForManagedInstances", "/", "Provides Amazon ECS access to manage Amazon ECS Managed Instances", ["ec2:CreateLaunchTemplate", "ec2:CreateFleet", "ec2:RunInstances", "ec2:TerminateInstances", "iam:PassRole"]),
  policy("AmazonECS_FullAccess", "/", "Provides administrative access to Amazon ECS resources", ["ecs:*", "ec2:*", "autoscaling:*", "elasticloadbalancing:*", "logs:*", "iam:PassRole", "ssm:GetParameter*"]),
  policy("AmazonEC2ContainerRegistryReadOnly", "/", "Provides read-only access to Amazon EC2 Container Registry repositories.", ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:GetRepositoryPolicy", "ecr:DescribeRepositories", "ecr:ListImages", "ecr:DescribeImages", "ecr:BatchGetImage"]),
  policy("AmazonEC2ContainerRegistryPowerUser", "/", "Provides full access to Amazon EC2 Container Registry repositories, but does not allow repository deletion or policy changes.", ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:DescribeRepositories", "ecr:ListImages", "ecr:DescribeImages", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"]),
  policy("AmazonEC2ContainerRegistryFullAccess", "/", "Provides administrative access to Amazon ECR resources", ["ecr:*"]),
  policy("AmazonEC2ContainerRegistryPullOnly", "/", "Provides permissions to pull images from Amazon ECR repositories", ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]),
  policy("CloudWatchLogsFullAccess", "/", "Provides full access to CloudWatch Logs", ["logs:*"]),
  policy("CloudWatchAgentServerPolicy", "/", "Permissions required to use AmazonCloudWatchAgent on servers", ["cloudwatch:PutMetricData", "ec2:DescribeTags", "logs:PutLogEvents", "logs:CreateLogStream", "logs:CreateLogGroup"]),
  policy("AmazonSSMManagedInstanceCore", "/", "The policy for Amazon EC2 Role to enable AWS Systems Manager service core functionality.", ["ssm:DescribeAssociation", "ssm:GetParameter", "ssm:GetParameters", "ssm:UpdateInstanceInformation", "ssmmessages:*", "ec2messages:*"]),
  policy("SecretsManagerReadWrite", "/", "Provides read/write access to AWS Secrets Manager via the AWS Management Console.", ["secretsmanager:*"]),
  policy("AmazonSSMReadOnlyAccess", "/", "Provides read only access to Amazon SSM.", ["ssm:Describe*", "ssm:Get*", "ssm:List*"]),
  policy("AmazonS3ReadOnlyAccess", "/", "Provides read only access to all buckets via the AWS Management Console.", ["s3:Get*", "s3:List*"]),
  policy("AmazonS3FullAccess", "/", "Provides full access to all buckets via the AWS Management Console.", ["s3:*"]),
  policy("AmazonDynamoDBFullAccess", "/", "Provides full access to Amazon DynamoDB via the AWS Management Console.", ["dynamodb:*"]),
  policy("ElasticLoadBalancingFullAccess", "/", "Provides full access to Amazon ElasticLoadBalancing", ["elasticloadbalancing:*", "ec2:Describe*"]),
  policy("AWSCodeDeployRoleForECS", "/", "Provides CodeDeploy service wide access to perform an ECS blue/green deployment on your behalf.", ["ecs:DescribeServices", "ecs:CreateTaskSet", "ecs:UpdateServicePrimaryTaskSet", "ecs:DeleteTaskSet", "elasticloadbalancing:*", "iam:PassRole"]),
  policy("AWSXRayDaemonWriteAccess", "/", "Allow the AWS X-Ray Daemon to relay raw trace segments data to the service's API and retrieve sampling data.", ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]),
  policy("AdministratorAccess", "/", "Provides full access to AWS services and resources.", ["*"]),
  policy("PowerUserAccess", "/", "Provides full access to AWS services and resources, but does not allow management of Users and groups.", ["*"]),
  policy("ReadOnlyAccess", "/", "Provides read-only access to AWS services and resources.", ["*:Describe*", "*:Get*", "*:List*"]),
];

export const awsManagedPolicyArn = (p: ManagedPolicy) => `arn:aws:iam::aws:policy${p.path}${p.name}`;

export const findAwsManagedPolicy = (arn: string) => AWS_MANAGED_POLICIES.find((p) => awsManagedPolicyArn(p) === arn);

/** The document of an AWS managed policy, as GetPolicyVersion gives it. */
export const managedPolicyDocument = (p: ManagedPolicy) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: p.actions.length === 1 ? p.actions[0] : p.actions, Resource: "*" }] });

/** The trust policy of the roles ECS tasks assume (task roles and task execution roles). */
export const ECS_TASKS_TRUST_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "", Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
