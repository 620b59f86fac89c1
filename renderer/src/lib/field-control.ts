/** What a Field's input snippet spreads onto its control, so its label and hint point at it. */
export interface FieldControl {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': boolean | undefined;
}
