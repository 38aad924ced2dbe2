import { createContext } from 'react';

/** The request schema of the enclosing form (`useApiForm`): a text field reads its length limit there. */
export const FormSchemaContext = createContext<unknown>(undefined);
