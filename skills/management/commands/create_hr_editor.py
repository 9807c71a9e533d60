"""Create the account of an HR editor: staff, in the 人力资源编辑 group, nothing more."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

GROUP = "人力资源编辑"
PASSWORD_VARIABLE = "HR_EDITOR_PASSWORD"


class Command(BaseCommand):
    help = (
        f"创建一个 HR 编辑账号(加入「{GROUP}」组,可登录管理后台)。"
        f"密码从环境变量 {PASSWORD_VARIABLE} 读取,未设置时在终端提示输入;不接受命令行参数中的密码。"
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="登录用户名")
        parser.add_argument("--email", default="", help="电子邮箱(可选)")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"用户「{username}」已存在,没有做任何修改。")
        try:
            group = Group.objects.get(name=GROUP)
        except Group.DoesNotExist:
            raise CommandError(f"找不到「{GROUP}」组,请先运行 manage.py migrate。") from None

        user = User(username=username, email=email, is_staff=True)
        password = self.read_password(user)
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(group)
        self.stdout.write(self.style.SUCCESS(f"已创建 HR 编辑账号「{username}」。"))

    def read_password(self, user):
        password = os.environ.get(PASSWORD_VARIABLE)
        from_environment = password is not None
        if not from_environment:
            try:
                password = getpass.getpass("密码:")
                if password != getpass.getpass("再次输入密码:"):
                    raise CommandError("两次输入的密码不一致。")
            except EOFError:
                raise CommandError(f"无法读取密码:请在终端中运行,或设置环境变量 {PASSWORD_VARIABLE}。") from None
        if not password:
            raise CommandError("密码不能为空。")
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("密码不符合要求:" + " ".join(error.messages)) from None
        return password
