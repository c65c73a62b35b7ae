"""allauth's forms with the project's input rule (``goedwerk.forms.ControlCharactersMixin``).

Mapped in the settings (``ACCOUNT_FORMS`` and ``MFA_FORMS``), so every sign-in, sign-up, e-mail,
password and second-factor form takes NUL and the other control characters out of what was typed
and says so on the field, in the visitor's language. Passwords are never echoed back (their
widgets do not render a value), and a password that contained control characters gets the error:
it is not silently shortened and tried, so a login never succeeds with a changed password and
a new password is never stored other than typed.
"""

from allauth.account import forms as account
from allauth.mfa.base import forms as mfa_base
from allauth.mfa.recovery_codes import forms as recovery_codes
from allauth.mfa.totp import forms as totp
from allauth.mfa.webauthn import forms as webauthn

from goedwerk.forms import ControlCharactersMixin


class LoginForm(ControlCharactersMixin, account.LoginForm):
    pass


class SignupForm(ControlCharactersMixin, account.SignupForm):
    pass


class AddEmailForm(ControlCharactersMixin, account.AddEmailForm):
    pass


class ChangePasswordForm(ControlCharactersMixin, account.ChangePasswordForm):
    pass


class SetPasswordForm(ControlCharactersMixin, account.SetPasswordForm):
    pass


class ResetPasswordForm(ControlCharactersMixin, account.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(ControlCharactersMixin, account.ResetPasswordKeyForm):
    pass


class ReauthenticateForm(ControlCharactersMixin, account.ReauthenticateForm):
    pass


class AuthenticateForm(ControlCharactersMixin, mfa_base.AuthenticateForm):
    pass


class MFAReauthenticateForm(ControlCharactersMixin, mfa_base.ReauthenticateForm):
    pass


class ActivateTOTPForm(ControlCharactersMixin, totp.ActivateTOTPForm):
    pass


class DeactivateTOTPForm(ControlCharactersMixin, totp.DeactivateTOTPForm):
    pass


class GenerateRecoveryCodesForm(ControlCharactersMixin, recovery_codes.GenerateRecoveryCodesForm):
    pass


class AddWebAuthnForm(ControlCharactersMixin, webauthn.AddWebAuthnForm):
    pass


class SignupWebAuthnForm(ControlCharactersMixin, webauthn.SignupWebAuthnForm):
    pass


class EditWebAuthnForm(ControlCharactersMixin, webauthn.EditWebAuthnForm):
    pass


class AuthenticateWebAuthnForm(ControlCharactersMixin, webauthn.AuthenticateWebAuthnForm):
    pass


class LoginWebAuthnForm(ControlCharactersMixin, webauthn.LoginWebAuthnForm):
    pass


class ReauthenticateWebAuthnForm(ControlCharactersMixin, webauthn.ReauthenticateWebAuthnForm):
    pass
