"""`create-user EMAIL --role ROLE [--department USCC]` (CONTRACT.md): prompts for the password twice."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from portal.domain.roles import Role

_REASONS = {
    "email": "电子邮箱无效",
    "password": "密码至少12个字符",
    "department_required": "核查员须用 --department 指定所属部门的统一社会信用代码",
    "department": "--department 不是有效的统一社会信用代码",
    "duplicate": "该电子邮箱已有账号",
}


@click.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--department", default=None, help="USCC of the verifier's department")
@click.password_option(prompt="Password", confirmation_prompt=True)
@with_appcontext
def create_user_command(email: str, role: str, department: str | None, password: str) -> None:
    """Create a staff account (intake, verifier, reviewer, admin)."""
    from portal.accounts.services import AccountError, create_user
    from portal.extensions import db

    try:
        user = create_user(db.session, email, password, Role(role), department_uscc=department)
    except AccountError as exc:
        click.echo(f"错误：{_REASONS.get(str(exc.params.get('reason')), exc.message)}", err=True)
        sys.exit(2)
    click.echo(f"created user {user.id} ({user.role.value})")
