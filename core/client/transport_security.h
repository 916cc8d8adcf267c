#pragma once
// The one rule for where a credential may travel: https, or plain http only to
// this machine (127.0.0.0/8, ::1, "localhost"). The tenant's base URL, the
// discovery URL and the export receiver's URL all pass it before any call.

#include <QString>
#include <QUrl>

namespace cc {

// 127.0.0.0/8, ::1 and "localhost".
bool isLoopbackHost(const QString &host);
// Empty when `url` may be used: https, or http to a loopback host. Otherwise the
// reason, naming the URL's host (never a secret: URLs carry none).
QString transportSecurityProblem(const QUrl &url);

} // namespace cc
