export { ApplicantPicker, type ApplicantPickerProps } from './ApplicantPicker';
export {
  RepresentativePicker,
  type RepresentativeChoice,
  type RepresentativePickerProps,
} from './RepresentativePicker';
export { ApplicantForm } from './ApplicantForm';
export { AuthorityDialog } from './AuthorityDialog';
export { maskedIdentifiers, birthDateOf, KIND_TITLES } from './identifiers';
