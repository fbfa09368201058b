/**
 * The ECS developer guide's CLI tutorial for a Fargate Linux task, command by command as the guide
 * gives them, in bash with the AWS CLI v2 (only --endpoint-url added): the ecsTaskExecutionRole (the
 * guide's prerequisite, which a new account lacks), a cluster, the task definition with the guide's
 * httpd command, a security group, the default VPC's subnets, a Fargate service with a public IP, the
 * page on the task's public IP, and the cleanup. The public httpd image is a local stand-in.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestServer, type TestServer } from "./support/test-server.ts";
import { runBash, tutorialImages } from "./support/tutorial-images.ts";

let t: TestServer;
let removeImages = () => {};
before(async () => {
  removeImages = tutorialImages(["public.ecr.aws/docker/library/httpd:latest"]);
  t = await startTestServer("127.115");
});
after(async () => {
  await t?.close();
  removeImages();
});

const GUIDE = String.raw`
set -euo pipefail
ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)

# Prerequisite: the task execution role (a new account has none).
if ! aws iam get-role --role-name ecsTaskExecutionRole > /dev/null 2>&1; then
  cat > trust-policy.json << 'EOF'
{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "Service": "ecs-tasks.amazonaws.com" }, "Action": "sts:AssumeRole" } ] }
EOF
  aws iam create-role --role-name ecsTaskExecutionRole --assume-role-policy-document file://trust-policy.json
  aws iam attach-role-policy --role-name ecsTaskExecutionRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
fi

# Create a cluster.
aws ecs create-cluster --cluster-name my-fargate-cluster

# Create a task definition (the execution role is the account's own).
cat > task-definition.json << EOF
{
    "family": "sample-fargate",
    "networkMode": "awsvpc",
    "requiresCompatibilities": ["FARGATE"],
    "cpu": "256",
    "memory": "512",
    "executionRoleArn": "arn:aws:iam::$ACCOUNT_ID:role/ecsTaskExecutionRole",
    "containerDefinitions": [
        {
            "name": "fargate-app",
            "image": "public.ecr.aws/docker/library/httpd:latest",
            "portMappings": [ { "containerPort": 80, "hostPort": 80, "protocol": "tcp" } ],
            "essential": true,
            "entryPoint": ["sh", "-c"],
            "command": [
                "/bin/sh -c \"echo '<html> <head> <title>Amazon ECS Sample App</title> </head><body> <h1>Amazon ECS Sample App</h1> <h2>Congratulations!</h2> </body></html>' >  /usr/local/apache2/htdocs/index.html && httpd-foreground\""
            ]
        }
    ]
}
EOF
aws ecs register-task-definition --cli-input-json file://task-definition.json
aws ecs list-task-definitions

# Set up networking.
VPC_ID=$(aws ec2 describe-vpcs --filters "Name=is-default,Values=true" --query "Vpcs[0].VpcId" --output text)
echo "Using default VPC: $VPC_ID"
SECURITY_GROUP_ID=$(aws ec2 create-security-group \
    --group-name ecs-fargate-sg \
    --description "Security group for ECS Fargate tasks" \
    --vpc-id $VPC_ID \
    --query "GroupId" --output text)
echo "Created security group: $SECURITY_GROUP_ID"
aws ec2 authorize-security-group-ingress \
    --group-id $SECURITY_GROUP_ID \
    --protocol tcp \
    --port 80 \
    --cidr 0.0.0.0/0
SUBNET_IDS=$(aws ec2 describe-subnets \
    --filters "Name=vpc-id,Values=$VPC_ID" \
    --query "Subnets[*].SubnetId" \
    --output text | tr '\t' ',')
echo "Using subnets: $SUBNET_IDS"

# Create the service, and wait for it.
aws ecs create-service \
    --cluster my-fargate-cluster \
    --service-name my-fargate-service \
    --task-definition sample-fargate \
    --desired-count 1 \
    --launch-type FARGATE \
    --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_IDS],securityGroups=[$SECURITY_GROUP_ID],assignPublicIp=ENABLED}"
aws ecs wait services-stable --cluster my-fargate-cluster --services my-fargate-service
aws ecs describe-services --cluster my-fargate-cluster --services my-fargate-service --query 'services[0].[status,runningCount,desiredCount]' --output text

# The application's public IP.
TASK_ARN=$(aws ecs list-tasks \
    --cluster my-fargate-cluster \
    --service-name my-fargate-service \
    --query "taskArns[0]" --output text)
echo "Task ARN: $TASK_ARN"
ENI_ID=$(aws ecs describe-tasks \
    --cluster my-fargate-cluster \
    --tasks $TASK_ARN \
    --query "tasks[0].attachments[0].details[?name=='networkInterfaceId'].value" \
    --output text)
echo "Network Interface ID: $ENI_ID"
PUBLIC_IP=$(aws ec2 describe-network-interfaces \
    --network-interface-ids $ENI_ID \
    --query "NetworkInterfaces[0].Association.PublicIp" \
    --output text)
echo "Your application is available at: http://$PUBLIC_IP"
curl -s --connect-timeout 10 "http://$PUBLIC_IP/"
aws ec2 describe-network-interfaces --filters "Name=group-id,Values=$SECURITY_GROUP_ID" --query "length(NetworkInterfaces)" --output text

# Clean up.
aws ecs update-service \
    --cluster my-fargate-cluster \
    --service my-fargate-service \
    --desired-count 0
aws ecs wait services-stable \
    --cluster my-fargate-cluster \
    --services my-fargate-service
aws ecs delete-service \
    --cluster my-fargate-cluster \
    --service my-fargate-service
# Not in the guide: ECS refuses to delete a cluster while its tasks are still stopping, so wait for them.
aws ecs wait tasks-stopped --cluster my-fargate-cluster --tasks $TASK_ARN
aws ecs delete-cluster --cluster my-fargate-cluster
for i in $(seq 1 30); do
  [ "$(aws ec2 describe-network-interfaces --filters "Name=group-id,Values=$SECURITY_GROUP_ID" --query "length(NetworkInterfaces)" --output text)" = "0" ] && break
  sleep 2
done
aws ec2 delete-security-group --group-id $SECURITY_GROUP_ID
echo "TUTORIAL COMPLETED"
`;

test("the developer guide's Fargate Linux task tutorial, with the AWS CLI v2, reaches its end", { timeout: 600_000 }, async () => {
  const { code, output } = await runBash(GUIDE, t.server.url);
  assert.equal(code, 0, output.slice(-4000));
  assert.match(output, /Your application is available at: http:\/\/127\.115\.\d+\.\d+/);
  assert.match(output, /<h1>Amazon ECS Sample App<\/h1>/);
  assert.match(output, /TUTORIAL COMPLETED/);
});
