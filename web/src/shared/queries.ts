import { queryOptions } from '@tanstack/react-query';
import { api, unwrapWithEtag } from './api';

/**
 * Queries more than one page reads: one key, one shape (data and the ETag to send as If-Match), so
 * pages that share the cache never read each other's data in another shape.
 */
export const motionQuery = (id: string) => queryOptions({ queryKey: ['motion', id], queryFn: () => unwrapWithEtag(api.GET('/motions/{id}', { params: { path: { id } } })) });

export const meetingQuery = (id: string) => queryOptions({ queryKey: ['meeting', id], queryFn: () => unwrapWithEtag(api.GET('/meetings/{id}', { params: { path: { id } } })) });
