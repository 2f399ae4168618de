// Minimal typing of the parts of oidc-provider 8 the tests use (the package ships none; @types/oidc-provider targets 9).
declare module "oidc-provider" {
  // biome-ignore lint/suspicious/noExplicitAny: test-only shim over an untyped package
  type Any = any;
  export const errors: { InvalidGrant: new (description?: string) => Error } & Record<string, new (description?: string) => Error>;
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, Any>);
    callback(): (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void;
    use(middleware: (ctx: Any, next: () => Promise<void>) => Promise<void>): void;
    registerGrantType(name: string, handler: (ctx: Any, next: () => Promise<void>) => Promise<void>, params?: string[]): void;
    on(event: string, listener: (...args: Any[]) => void): void;
    Grant: Any;
    AccessToken: Any;
    RefreshToken: Any;
    DeviceCode: Any;
    ClientCredentials: Any;
  }
}
