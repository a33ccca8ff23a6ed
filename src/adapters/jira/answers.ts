import { z } from 'zod';

/**
 * Shapes of Jira Cloud answers read by more than one adapter, as Jira documents them (REST v3):
 * loose objects, since Jira sends more than Relay reads, and optional wherever Jira may leave a
 * field out.
 */

/** `GET /rest/api/3/mypermissions`: each asked key with whether the caller holds it (`permissions` itself is optional in Jira's model). */
export const MyPermissions = z.looseObject({
  permissions: z.record(z.string(), z.looseObject({ havePermission: z.boolean().optional() })).optional(),
});

/** A user as `GET /rest/api/3/user` answers it, reduced to whether it is an active person. */
export const UserStatus = z.looseObject({ active: z.boolean().optional(), accountType: z.string().optional() });
