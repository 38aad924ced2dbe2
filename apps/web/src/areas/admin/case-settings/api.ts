import type { CaseSettings } from '@uslugi/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useChange } from '../../../api/queries';

const path = '/api/v1/admin/case-settings';
const key = ['case-settings'] as const;

export const getCaseSettings = () => api.get<CaseSettings>(path);
export const saveCaseSettings = (settings: CaseSettings) => api.put<CaseSettings>(path, settings);

export const useCaseSettings = () => useQuery({ queryKey: key, queryFn: getCaseSettings });
/** The warning days decide which cases are «Срок истекает»: the worklists and dashboards refresh too. */
export const useSaveCaseSettings = () => useChange(saveCaseSettings, [key, ['cases']]);
