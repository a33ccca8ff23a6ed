/**
 * CSV files shaped like the exports people bring to Relay: HubSpot's (property labels, a byte order
 * mark as Excel's "CSV UTF-8" writes it), Salesforce's Data Export (API field names, ISO dates),
 * and Pipedrive's ("Object - Field" headers, written by a European Excel: semicolons, decimal
 * commas, day-first dates). Each carries the traps real files have: quoted separators and line
 * breaks, names beyond ASCII, blank lines, unreadable dates and amounts, duplicates.
 */
const BOM = '\uFEFF';

export const hubspotContacts = (): string =>
  BOM +
  [
    '"Record ID","First Name","Last Name","Email","Phone Number","Job Title","Company Name","Company Domain Name","Lifecycle Stage","Original Source"',
    '"1001","José","Ñúñez","jose@muller-schmidt.de","+49 30 1234","Head of Ops","Müller, Schmidt & Co","muller-schmidt.de","Marketing Qualified Lead","Organic Search"',
    '"1002","Zoë","O\'Brien","ZOE@Acme.io ","","VP Sales, EMEA","Acme","acme.io","customer",""',
    '',
    '"1003","李","雷","li.lei@example.cn","","""Chief"" Engineer","Acme","acme.io","lead","Referrals"',
    '"1004","Ana","Lopez","ana@acme.io","","Buyer\nand budget owner","Acme","acme.io","Sales Qualified Lead",""',
    '"1005","Ana","Lopez Dup","ana@acme.io","","","Acme","acme.io","lead",""',
    '"1006","No","Email","not-an-email","","","","","lead",""',
    '"1007","Bad","Stage","bad.stage@acme.io","","","Acme","acme.io","Champion",""',
    '"1008","","","nameless@acme.io","","","","","lead",""',
    '',
  ].join('\r\n');

export const salesforceAccounts = (): string =>
  ['Id,Name,Website,Industry,BillingCountry', '001A000001,Globex Corporation,https://www.globex.com/,Manufacturing,US', '001A000002,"Initech, Inc.",initech.com,Software,US', '001A000003,Umbrella,umbrella.example,Pharma,DE'].join('\n') + '\n';

export const salesforceOpportunities = (): string =>
  [
    'Id,Name,AccountId,Amount,CloseDate,StageName,CurrencyIsoCode,NextStep,LeadSource,Type,Description',
    '006A000001,Globex rollout,001A000001,120000.50,2026-12-15,Discovery,USD,Send proposal,Web,New Business,"Phase 1: 3 plants, 2 warehouses"',
    '006A000002,Initech renewal,001A000002,48000,2026-11-30T00:00:00.000Z,Closed Won,USD,,Partner,Existing Customer - Renewal,"Multi-line\nscope, with commas"',
    '006A000003,Umbrella pilot,001A000003,not a number,2026-10-01,Proposal,EUR,,,New Business,',
    '006A000004,Bad date,001A000001,1000,2026-02-30,Proposal,USD,,,New Business,',
    '006A000005,Unknown stage,001A000001,1000,2026-10-01,Id. Decision Makers,USD,,,New Business,',
    '006A000006,No account,001A999999,1000,2026-10-01,Proposal,USD,,,New Business,',
  ].join('\n') + '\n';

export const pipedriveDeals = (): string =>
  [
    '"Deal - Title";"Deal - Value";"Deal - Currency";"Deal - Expected close date";"Deal - Stage";"Deal - Organization";"Deal - ID"',
    '"Wayne Enterprises; phase 2";"12.000,50";"EUR";"15.03.2027";"Proposal";"Wayne Enterprises";"77"',
    '"Stark upgrade";"1 250,00 €";"EUR";"01.04.2027";"Negotiation";"Stark Industries";"78"',
    '"Wayne Enterprises; phase 3";"3.000";"EUR";"31.04.2027";"Qualification";"Wayne Enterprises";"79"',
  ].join('\r\n');

/** A plain contacts file of `n` rows (with every 100th row a duplicate of the row before it). */
export function manyContacts(n: number): string {
  const lines = ['Name,Email,Company,Company domain,Title'];
  for (let i = 1; i <= n; i += 1) {
    const email = i % 100 === 0 ? `person${i - 1}@bulk${(i - 1) % 40}.example` : `person${i}@bulk${i % 40}.example`;
    lines.push(`Person ${i},${email},"Bulk ${i % 40}, Ltd",bulk${i % 40}.example,Engineer`);
  }
  return `${lines.join('\n')}\n`;
}
