"""Provides a probe run under `dbus-run-session`: a notification server of its own (it records
what it is sent and answers a button), and stretchtimer's desktop alerts talking to it."""

import asyncio
import json
import sys
from typing import Annotated

from dbus_fast.aio import MessageBus
from dbus_fast.annotations import DBusDict, DBusInt32, DBusSignature, DBusStr, DBusUInt32
from dbus_fast.service import ServiceInterface, method, signal

from stretchtimer.remind.desktop import DesktopAlerts

Strings = Annotated[list[str], DBusSignature("as")]
Pair = Annotated[list[object], DBusSignature("uu")]


class Server(ServiceInterface):
    """org.freedesktop.Notifications, as much of it as a notification with buttons needs (the
    names are the specification's)."""

    def __init__(self) -> None:
        super().__init__("org.freedesktop.Notifications")
        self.sent: list[dict[str, object]] = []
        """What each Notify call was given."""

    @method()
    def Notify(
        self,
        app: DBusStr,
        replaces: DBusUInt32,
        icon: DBusStr,
        summary: DBusStr,
        body: DBusStr,
        actions: Strings,
        hints: DBusDict,
        timeout: DBusInt32,
    ) -> DBusUInt32:
        self.sent.append({"app": app, "summary": summary, "body": body, "actions": actions})
        return len(self.sent)

    @method()
    def GetCapabilities(self) -> Strings:
        return ["actions", "body"]

    @method()
    def GetServerInformation(self) -> Annotated[list[str], DBusSignature("ssss")]:
        return ["probe", "stretchtimer tests", "1", "1.2"]

    @method()
    def CloseNotification(self, nid: DBusUInt32) -> None:
        self.NotificationClosed(nid, 3)

    @signal()
    def ActionInvoked(
        self, nid: DBusUInt32, key: DBusStr
    ) -> Annotated[list[object], DBusSignature("us")]:
        return [nid, key]

    @signal()
    def NotificationClosed(self, nid: DBusUInt32, reason: DBusUInt32) -> Pair:
        return [nid, reason]


async def main() -> None:
    """Serve, send a notification, click its Start, and print what happened as JSON."""
    bus = await MessageBus().connect()
    server = Server()
    bus.export("/org/freedesktop/Notifications", server)
    await bus.request_name("org.freedesktop.Notifications")
    pressed: list[str] = []
    alerts = DesktopAlerts()
    sent = await alerts.send_break(  # the program's own buttons, as a due break sends them
        "Time for a stretch break: desk-break",
        lambda: pressed.append("start"),
        lambda: pressed.append("snooze"),
        lambda: pressed.append("skip"),
    )
    actions = server.sent[-1]["actions"]
    assert isinstance(actions, list)
    start_key = actions[actions.index("Start") - 1]
    server.ActionInvoked(len(server.sent), start_key)  # the user clicks Start
    for _ in range(100):
        if pressed:
            break
        await asyncio.sleep(0.02)
    print(json.dumps({"sent": sent, "notifications": server.sent, "pressed": pressed}))


if __name__ == "__main__":
    asyncio.run(main())
    sys.exit(0)
