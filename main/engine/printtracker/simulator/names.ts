// Realistic, deterministic names for simulated customers and devices.
import { mulberry32 } from './prng';

const PLACES = [
  'Northwind', 'Harbor', 'Cedar', 'Summit', 'Riverside', 'Maple', 'Granite', 'Lakeside', 'Pinecrest',
  'Silver Oak', 'Bayview', 'Evergreen', 'Highland', 'Willow Creek', 'Redwood', 'Brookside', 'Fairview',
  'Oakridge', 'Meadowbrook', 'Stonegate', 'Blue Ridge', 'Coastal', 'Prairie', 'Aspen', 'Sunrise',
  'Westfield', 'Kingsley', 'Ashford', 'Crescent', 'Hillcrest', 'Clearwater', 'Ironwood', 'Juniper',
  'Lighthouse', 'Magnolia', 'Orchard', 'Parkside', 'Quarry', 'Rosewood', 'Sagebrush', 'Timberline',
  'Union Square', 'Valley', 'Windmill', 'Yorktown', 'Beacon', 'Copper', 'Driftwood', 'Elm Street', 'Foxglove',
];

const TRADES = [
  'Dental', 'Legal LLP', 'Family Medicine', 'Realty', 'Accounting Group', 'Veterinary Clinic',
  'Insurance Agency', 'Architects', 'Auto Group', 'Pediatrics', 'Credit Union', 'Public Library',
  'Engineering', 'Title & Escrow', 'Orthodontics', 'Physical Therapy', 'Chiropractic',
  'Property Management', 'Wealth Advisors', 'Elementary School', 'Community College', 'Church',
  'Logistics', 'Manufacturing', 'Construction', 'Pharmacy', 'Eye Care', 'Surgical Center',
  'Animal Hospital', 'Law Group', 'CPA Partners', 'Dermatology', 'Home Health', 'Senior Living',
  'Printing Co.', 'Tax Services', 'Staffing', 'Foundation', 'Marketing', 'City Hall',
];

const SITES = ['Annex', 'Warehouse', 'North Office', 'Satellite Office', 'Downtown Branch', 'Clinic 2'];
const REGIONS = ['East', 'West', 'North', 'South'];
const DEALERS = ['Keystone Business Systems', 'Pioneer Office Solutions', 'Bluewater Imaging', 'Summit Document Services'];

/** `count` distinct customer names, in a seed-dependent order. */
export function customerNames(seed: number, count: number): string[] {
  const combos: string[] = [];
  for (const place of PLACES) for (const trade of TRADES) combos.push(`${place} ${trade}`);
  const rand = mulberry32(seed ^ 0x5bd1e995);
  for (let i = combos.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [combos[i], combos[j]] = [combos[j]!, combos[i]!];
  }
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = combos[i % combos.length]!;
    const round = Math.floor(i / combos.length);
    if (round === 0) names.push(base);
    else if (round <= REGIONS.length) names.push(`${base} ${REGIONS[round - 1]!}`);
    else names.push(`${base} #${round - REGIONS.length + 1}`);
  }
  return names;
}

export function subSiteName(customerName: string, pick: number): string {
  return `${customerName} – ${SITES[pick % SITES.length]!}`;
}

export function dealerName(seed: number): string {
  return DEALERS[(seed >>> 0) % DEALERS.length]!;
}

export const PRINTERS: readonly { make: string; model: string; color: boolean }[] = [
  { make: 'HP', model: 'LaserJet Pro M404dn', color: false },
  { make: 'HP', model: 'Color LaserJet Enterprise M554', color: true },
  { make: 'Canon', model: 'imageRUNNER ADVANCE DX C5840i', color: true },
  { make: 'Canon', model: 'imageCLASS MF445dw', color: false },
  { make: 'Ricoh', model: 'IM C3000', color: true },
  { make: 'Ricoh', model: 'SP 5300DN', color: false },
  { make: 'Xerox', model: 'VersaLink C405', color: true },
  { make: 'Xerox', model: 'AltaLink B8145', color: false },
  { make: 'Konica Minolta', model: 'bizhub C300i', color: true },
  { make: 'Kyocera', model: 'ECOSYS M3655idn', color: false },
  { make: 'Lexmark', model: 'MX622adhe', color: false },
  { make: 'Brother', model: 'HL-L6210DW', color: false },
  { make: 'Sharp', model: 'MX-3071', color: true },
];

export const LOCATIONS = ['FRONT-DESK', 'RECEPTION', 'BACK OFFICE', 'COPY ROOM', 'BILLING', 'LAB', 'SHIPPING', 'EXAM 2', 'FLOOR 2', 'ADMIN'];
