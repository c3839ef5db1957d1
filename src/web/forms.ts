// Forms: an invalid form shows its messages on its fields and goes no further — never an uncaught rejection.
import type { FormInstance } from 'antd';

/** Validates a form and hands its values on when they are valid. */
export function whenValid<T>(form: FormInstance<T>, then: (values: T) => void): void {
  form.validateFields().then(then, () => undefined);
}
