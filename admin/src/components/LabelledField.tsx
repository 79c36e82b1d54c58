import { Field } from '@strapi/design-system';
import type { ReactNode } from 'react';

export interface LabelledFieldProps {
  name: string;
  label: ReactNode;
  /** Shown under the control while there is no error. */
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  /** The control: a text input, a select, a toggle … */
  children: ReactNode;
}

/** A form control with its label, hint and error, as Strapi's own forms lay them out. */
const LabelledField = ({ name, label, hint, error, required, children }: LabelledFieldProps) => (
  <Field.Root name={name} required={required} error={error} hint={hint}>
    <Field.Label>{label}</Field.Label>
    {children}
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);

export { LabelledField };
