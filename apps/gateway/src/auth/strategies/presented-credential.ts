/** What a Passport strategy found on the request: the key as sent and where it was. */
export interface PresentedCredential {
  token: string;
  source: string;
}
