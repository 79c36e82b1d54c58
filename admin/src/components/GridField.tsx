import { Grid } from '@strapi/design-system';
import { LabelledField, type LabelledFieldProps } from './LabelledField';

interface GridFieldProps extends LabelledFieldProps {
  /** Columns of the form's 12-column grid on a wide screen; a narrow one gives every field the whole row. */
  col?: number;
}

/** A labelled field in one cell of a form grid: half a row unless told otherwise. */
const GridField = ({ col = 6, ...field }: GridFieldProps) => (
  <Grid.Item col={col} s={12} direction="column" alignItems="stretch">
    <LabelledField {...field} />
  </Grid.Item>
);

export { GridField };
