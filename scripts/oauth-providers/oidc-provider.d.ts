// The part of oidc-provider 9's API the test provider uses (the package ships no types).
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export interface Interaction {
    uid: string;
    prompt: { name: string };
    params: Record<string, unknown>;
  }

  export interface GrantInstance {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export interface OidcContext {
    oidc: {
      client?: { clientId: string };
      session?: { accountId?: string };
      result?: { login?: unknown };
      provider: Provider;
    };
  }

  export interface PolicyCheck {
    reason: string;
  }

  export const interactionPolicy: {
    base(): { get(name: string): { checks: PolicyCheck[] } | undefined };
    Check: (new (
      reason: string,
      description: string,
      check: (ctx: OidcContext) => boolean,
    ) => PolicyCheck) & { REQUEST_PROMPT: boolean; NO_NEED_TO_PROMPT: boolean };
  };

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    Grant: new (fields: { accountId: string; clientId: string }) => GrantInstance;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
