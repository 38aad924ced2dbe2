import {
  ServiceDefinitionSchema,
  validateDefinition,
  type DefinitionProblem,
  type ServiceDefinition,
} from '@uslugi/contracts';

/**
 * What the validator says of the definition as it is being edited, the same function the server runs
 * on publish (without the municipality's units and reference data, which only the server knows). While
 * a field is half typed (the definition does not pass the schema yet) the last saved answer stands.
 */
export function checkDefinition(
  definition: ServiceDefinition,
  saved: readonly DefinitionProblem[],
): DefinitionProblem[] {
  const parsed = ServiceDefinitionSchema.safeParse(definition);
  if (!parsed.success) return [...saved];
  try {
    return validateDefinition(parsed.data);
  } catch {
    return [...saved];
  }
}
