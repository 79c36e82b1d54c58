/** `GET /smtp-accounts/module` (action accounts.read): whether the module routes mail, for the panel's banner. */
export declare namespace GetModuleState {
  interface Response {
    data: { enabled: boolean };
  }
}
