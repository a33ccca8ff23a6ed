import { companyStore, contactStore } from '../../ports/registry';
import type { Deal } from '../../domain/deal';
import { invalid } from '../errors';

/**
 * A deal's company and contacts must exist and be active (the customer record is shared, so a deal
 * never points at nothing). Only references that change are checked. Errors: VALIDATION naming the field.
 */
export async function checkReferences(changes: { companyId?: string | null; contactIds?: string[] }, before: Deal | null): Promise<void> {
  if (changes.companyId && changes.companyId !== before?.companyId) {
    const company = await companyStore.readCompany(changes.companyId);
    if (!company || company.archived) throw invalid('The company does not exist or is archived.', [{ path: 'companyId', message: 'No such active company' }]);
  }
  const added = (changes.contactIds ?? []).filter((id) => !(before?.contactIds ?? []).includes(id));
  if (new Set(changes.contactIds ?? []).size !== (changes.contactIds ?? []).length) throw invalid('A contact is listed twice.', [{ path: 'contactIds', message: 'Listed twice' }]);
  if (added.length > 0) {
    const found = await contactStore.readContacts(added);
    const missing = added.filter((id) => !found.some((c) => c.id === id && !c.archived));
    if (missing.length > 0) throw invalid('Some contacts do not exist or are archived.', missing.map((id) => ({ path: 'contactIds', message: `No such active contact: ${id}` })));
  }
}
