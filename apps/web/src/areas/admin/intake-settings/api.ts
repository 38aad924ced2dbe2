import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useChange } from '../../../api/queries';

/** The municipality's registration number format and the number it gives today. */
export interface IntakeSettings {
  format: string;
  example: string;
}

const path = '/api/v1/admin/intake-settings';
const key = ['intake-settings'] as const;

export const getIntakeSettings = () => api.get<IntakeSettings>(path);
export const saveIntakeSettings = (format: string) => api.put<IntakeSettings>(path, { format });

export const useIntakeSettings = () => useQuery({ queryKey: key, queryFn: getIntakeSettings });
export const useSaveIntakeSettings = () => useChange(saveIntakeSettings, [key]);
