import smtpAccount from './smtp-account';

export default { 'smtp-account': smtpAccount };
