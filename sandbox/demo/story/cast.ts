import { DEMO_USERS } from '../seed';

/**
 * Who is in the story `npm start` tells, and the customers they sell to. The five people of the
 * test demo keep their account ids and rights (so the shell's user switcher and the tests know
 * them) but get real names; three more sellers join Sam. Companies span segments and regions, each
 * with the people a team meets there.
 */
export interface Person {
  accountId: string;
  displayName: string;
  emailAddress: string;
  role: string;
}

export const STORY_PEOPLE = {
  alice: { ...DEMO_USERS.alice, displayName: 'Alice Nakamura', emailAddress: 'alice.nakamura@northwind-demo.example', role: 'Jira admin; administers every project' },
  sam: { ...DEMO_USERS.sam, displayName: 'Sam Okafor', emailAddress: 'sam.okafor@northwind-demo.example', role: 'Account executive, mid-market EMEA and AMER' },
  dana: { ...DEMO_USERS.dana, displayName: 'Dana Whitfield', emailAddress: 'dana.whitfield@northwind-demo.example', role: 'Delivery lead; accepts hand-offs in Delivery' },
  vic: { ...DEMO_USERS.vic, displayName: 'Victor Alvarez', emailAddress: 'victor.alvarez@northwind-demo.example', role: 'Head of sales; reads Sales and the dashboards' },
  omar: { ...DEMO_USERS.omar, displayName: 'Omar Haddad', emailAddress: 'omar.haddad@northwind-demo.example', role: 'Support; sees only Customer Success' },
  priya: { accountId: '5b10ac8d82e05b22cc7d4ef6', displayName: 'Priya Raman', emailAddress: 'priya.raman@northwind-demo.example', role: 'Enterprise account executive' },
  lena: { accountId: '5b10ac8d82e05b22cc7d4ef7', displayName: 'Lena Fischer', emailAddress: 'lena.fischer@northwind-demo.example', role: 'Account executive, DACH and Nordics' },
  marcus: { accountId: '5b10ac8d82e05b22cc7d4ef8', displayName: 'Marcus Webb', emailAddress: 'marcus.webb@northwind-demo.example', role: 'Account executive, SMB North America' },
} as const satisfies Record<string, Person>;

export type SellerKey = 'sam' | 'priya' | 'lena' | 'marcus';
export const SELLERS: readonly SellerKey[] = ['sam', 'priya', 'lena', 'marcus'];

/** The project the admin has created but not yet enabled Relay in (the story test enables it). */
export const NEW_PROJECT = { key: 'PART', name: 'Partner Sales' } as const;

export type Segment = 'smb' | 'mid-market' | 'enterprise';

export interface CustomerSpec {
  name: string;
  domain: string;
  industry: string;
  segment: Segment;
  region: 'EMEA' | 'AMER' | 'APAC';
  currency: 'EUR' | 'USD' | 'GBP' | 'AUD';
  seller: SellerKey;
  /** Name, job title. */
  people: ReadonlyArray<readonly [string, string]>;
}

export const CUSTOMERS: readonly CustomerSpec[] = [
  { name: 'Acme Manufacturing', domain: 'acme-mfg.example', industry: 'Manufacturing', segment: 'enterprise', region: 'EMEA', currency: 'EUR', seller: 'priya', people: [['Ana López', 'VP Operations'], ['Ben Okafor', 'Head of IT'], ['Chloé Martin', 'CFO']] },
  { name: 'Globex Energy', domain: 'globex-energy.example', industry: 'Energy', segment: 'enterprise', region: 'AMER', currency: 'USD', seller: 'priya', people: [['Daniel Brooks', 'CIO'], ['Erin Walsh', 'Procurement lead'], ['Farid Nasser', 'Director of Operations']] },
  { name: 'Initech', domain: 'initech.example', industry: 'Software', segment: 'smb', region: 'AMER', currency: 'USD', seller: 'marcus', people: [['Grace Kim', 'CTO'], ['Henry Adams', 'Office manager']] },
  { name: 'Umbrella Health', domain: 'umbrella-health.example', industry: 'Healthcare', segment: 'enterprise', region: 'APAC', currency: 'AUD', seller: 'priya', people: [['Isla Morgan', 'Chief Medical Officer'], ['Jack Thompson', 'IT director'], ['Kiri Walker', 'Finance business partner']] },
  { name: 'Stark Logistics', domain: 'stark-logistics.example', industry: 'Logistics', segment: 'mid-market', region: 'EMEA', currency: 'EUR', seller: 'sam', people: [['Lars Jensen', 'COO'], ['Maja Nowak', 'Head of Fleet']] },
  { name: 'Wayne Retail Group', domain: 'wayne-retail.example', industry: 'Retail', segment: 'enterprise', region: 'AMER', currency: 'USD', seller: 'priya', people: [['Nora Bennett', 'VP eCommerce'], ['Oscar Reyes', 'Head of Store Systems'], ['Paula Chen', 'Procurement']] },
  { name: 'Hooli Analytics', domain: 'hooli-analytics.example', industry: 'Software', segment: 'mid-market', region: 'AMER', currency: 'USD', seller: 'sam', people: [['Quentin Hale', 'Head of Data'], ['Rosa Diaz', 'Engineering manager']] },
  { name: 'Soylent Foods', domain: 'soylent-foods.example', industry: 'Food & beverage', segment: 'mid-market', region: 'EMEA', currency: 'GBP', seller: 'sam', people: [['Sophie Turner', 'Operations director'], ['Tom Fletcher', 'IT lead']] },
  { name: 'Vandelay Industries', domain: 'vandelay.example', industry: 'Import & export', segment: 'smb', region: 'AMER', currency: 'USD', seller: 'marcus', people: [['Uma Patel', 'Owner'], ['Victor Lee', 'Logistics coordinator']] },
  { name: 'Bluth Property', domain: 'bluth-property.example', industry: 'Real estate', segment: 'smb', region: 'AMER', currency: 'USD', seller: 'marcus', people: [['Wendy Clarke', 'Managing partner'], ['Xavier Ortiz', 'Operations']] },
  { name: 'Nordlicht Maschinenbau', domain: 'nordlicht.example', industry: 'Manufacturing', segment: 'mid-market', region: 'EMEA', currency: 'EUR', seller: 'lena', people: [['Jonas Becker', 'Geschäftsführer'], ['Katrin Vogel', 'Leiterin IT'], ['Felix Braun', 'Einkauf']] },
  { name: 'Fjord Shipping', domain: 'fjord-shipping.example', industry: 'Logistics', segment: 'mid-market', region: 'EMEA', currency: 'EUR', seller: 'lena', people: [['Ingrid Solberg', 'CFO'], ['Erik Lund', 'Head of Digital']] },
  { name: 'Helvetia Clinics', domain: 'helvetia-clinics.example', industry: 'Healthcare', segment: 'mid-market', region: 'EMEA', currency: 'EUR', seller: 'lena', people: [['Claudia Meier', 'Chief Nursing Officer'], ['Marco Rossi', 'IT manager']] },
  { name: 'Oakridge Insurance', domain: 'oakridge-insurance.example', industry: 'Insurance', segment: 'enterprise', region: 'EMEA', currency: 'GBP', seller: 'priya', people: [['Harriet Shaw', 'Chief Operating Officer'], ['Ian Douglas', 'Enterprise architect'], ['Jane Moore', 'Vendor management']] },
  { name: 'Pinecrest Schools', domain: 'pinecrest-schools.example', industry: 'Education', segment: 'smb', region: 'AMER', currency: 'USD', seller: 'marcus', people: [['Kevin Price', 'Principal'], ['Laura Evans', 'IT coordinator']] },
  { name: 'Coral Bay Resorts', domain: 'coral-bay.example', industry: 'Hospitality', segment: 'mid-market', region: 'APAC', currency: 'AUD', seller: 'sam', people: [['Mia Robinson', 'General manager'], ['Noah Harris', 'Revenue manager']] },
  { name: 'Kestrel Aerospace', domain: 'kestrel-aero.example', industry: 'Aerospace', segment: 'enterprise', region: 'EMEA', currency: 'EUR', seller: 'lena', people: [['Olivia Schmitt', 'Head of Engineering IT'], ['Pierre Dubois', 'Programme director'], ['Quinn Murphy', 'Procurement']] },
  { name: 'Lumen Labs', domain: 'lumen-labs.example', industry: 'Biotech', segment: 'smb', region: 'EMEA', currency: 'GBP', seller: 'sam', people: [['Rachel Green', 'Lab operations lead'], ['Samuel Ito', 'Founder']] },
  { name: 'Redwood Credit Union', domain: 'redwood-cu.example', industry: 'Financial services', segment: 'mid-market', region: 'AMER', currency: 'USD', seller: 'marcus', people: [['Tara Nguyen', 'VP Member Services'], ['Umar Sheikh', 'Information security']] },
  { name: 'Sakura Electronics', domain: 'sakura-electronics.example', industry: 'Electronics', segment: 'enterprise', region: 'APAC', currency: 'USD', seller: 'priya', people: [['Yuki Tanaka', 'General manager'], ['Hiro Sato', 'IT director']] },
  { name: 'Alpenrose Hotels', domain: 'alpenrose.example', industry: 'Hospitality', segment: 'smb', region: 'EMEA', currency: 'EUR', seller: 'lena', people: [['Anna Huber', 'Owner'], ['Lukas Gruber', 'Front office manager']] },
  { name: 'Meridian Media', domain: 'meridian-media.example', industry: 'Media', segment: 'mid-market', region: 'EMEA', currency: 'GBP', seller: 'sam', people: [['Victoria Hughes', 'Head of Production'], ['William Scott', 'Technology lead']] },
  { name: 'Cascade Outdoor', domain: 'cascade-outdoor.example', industry: 'Retail', segment: 'smb', region: 'AMER', currency: 'USD', seller: 'marcus', people: [['Zoe Parker', 'eCommerce manager'], ['Aaron Mitchell', 'Owner']] },
  { name: 'Tasman Water', domain: 'tasman-water.example', industry: 'Utilities', segment: 'mid-market', region: 'APAC', currency: 'AUD', seller: 'sam', people: [['Ella Wilson', 'Asset manager'], ['Liam Taylor', 'Digital lead']] },
];

/** The site's reporting currency and a rate for every other currency the customers buy in. */
export const REPORTING_CURRENCY = 'EUR';
export const RATES: Record<string, string> = { USD: '0.92', GBP: '1.17', AUD: '0.61' };

/** What each kind of deal is called, by the segment it sells to. */
export const OFFERS: Record<Segment, readonly string[]> = {
  smb: ['Starter plan', 'Team plan', 'Onboarding package', 'Annual subscription', 'Support upgrade'],
  'mid-market': ['Platform rollout', 'Analytics add-on', 'Regional rollout', 'Data migration', 'Premium support', 'Workflow automation'],
  enterprise: ['Enterprise licence', 'Global rollout', 'Security & compliance package', 'Data platform', 'Multi-year agreement', 'Private cloud edition'],
};

/** What a customer who already bought comes back for. */
export const EXPANSIONS = ['Expansion: more seats', 'Expansion: analytics add-on', 'Expansion: new region', 'Expansion: premium support', 'Expansion: API access'] as const;

/** Deal sizes in the customer's currency (whole units), by segment. */
export const SIZE: Record<Segment, readonly [number, number]> = { smb: [6_000, 24_000], 'mid-market': [25_000, 90_000], enterprise: [90_000, 380_000] };

export const LOST_REASONS = ['Chose a cheaper tool', 'No budget this year', 'Went with the incumbent', 'Project cancelled', 'Lost to a competitor on features', 'No decision made'] as const;
