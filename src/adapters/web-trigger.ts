import { webTrigger } from '@forge/api';

/** The inbound-lead web trigger's key, as manifest.yml names it. */
export const INBOUND_LEAD_TRIGGER = 'relay-inbound-lead';

/** The URL form tools post leads to: the platform's address of the inbound-lead web trigger on this installation. */
export function inboundLeadUrl(): Promise<string> {
  return webTrigger.getUrl(INBOUND_LEAD_TRIGGER);
}
