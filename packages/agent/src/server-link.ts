/**
 * The agent's link to its server: where the server is and how the agent proves who it is on each call.
 * An embedded agent registers with its EC2 instance's launch token; a standalone one signs with AWS
 * keys when the server requires signatures. Registration answers with the agent's own token, sent on
 * every later call (reports, polls, logs, stats).
 */
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { AGENT_TOKEN_HEADER, INSTANCE_TOKEN_HEADER, type RequestHeaders, type ServerProof } from "@stevedore/shared";


export class ServerLink {
  agentToken?: string;

  constructor(
    readonly endpoint: string,
    private readonly proof: ServerProof = {},
  ) {
    this.agentToken = proof.agentToken;
  }

  /**
   * After the server refused the token as unknown (a server that lost its data, an instance deregistered
   * and gone): drop it, so the agent registers afresh. True when there was one to drop.
   */
  forgetRefusedToken(err: unknown): boolean {
    if ((err as { code?: string }).code !== "UnrecognizedClientException" || !this.agentToken) return false;
    this.agentToken = undefined;
    return true;
  }

  /** Headers for a call: the tokens this agent holds, and a signature when it has keys. */
  readonly headers: RequestHeaders = async (request) => ({
    ...(await this.signature(request)),
    ...(this.proof.launchToken ? { [INSTANCE_TOKEN_HEADER]: this.proof.launchToken } : {}),
    ...(this.agentToken ? { [AGENT_TOKEN_HEADER]: this.agentToken } : {}),
  });

  private async signature(request: Parameters<RequestHeaders>[0]): Promise<Record<string, string>> {
    const { credentials } = this.proof;
    if (!credentials) return {};
    const url = new URL(request.url);
    const signer = new SignatureV4({ credentials, region: this.proof.region ?? "us-east-1", service: "ecs", sha256: Hash.bind(null, "sha256") });
    const signed = await signer.sign({
      method: "POST",
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: {},
      headers: { ...request.headers, host: url.host },
      body: request.body,
    });
    const { authorization, "x-amz-date": date } = signed.headers as Record<string, string>;
    return { authorization: authorization!, "x-amz-date": date! };
  }
}
