import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag } from './api';

/**
 * Queries more than one page reads: one key, one shape (data and the ETag to send as If-Match), so
 * pages that share the cache never read each other's data in another shape.
 */
export const motionQuery = (id: string) => queryOptions({ queryKey: ['motion', id], queryFn: () => unwrapWithEtag(api.GET('/motions/{id}', { params: { path: { id } } })) });

export const meetingQuery = (id: string) => queryOptions({ queryKey: ['meeting', id], queryFn: () => unwrapWithEtag(api.GET('/meetings/{id}', { params: { path: { id } } })) });

export const procedureQuery = (id: string) => queryOptions({ queryKey: ['procedure', id], queryFn: () => unwrap(api.GET('/selection/procedures/{id}', { params: { path: { id } } })) });

export const grantQuery = (id: string) => queryOptions({ queryKey: ['grant', id], queryFn: () => unwrap(api.GET('/grants/{id}', { params: { path: { id } } })) });

export const instanceQuery = (id: string) => queryOptions({ queryKey: ['instance', id], queryFn: () => unwrap(api.GET('/instances/{id}', { params: { path: { id } } })) });

export const historyQuery = (id: string) => queryOptions({ queryKey: ['history', id], queryFn: () => unwrap(api.GET('/audit/instances/{id}/history', { params: { path: { id } } })) });
