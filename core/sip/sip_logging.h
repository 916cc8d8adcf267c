#pragma once
// The logging category of core/sip ("cc.sip").

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSip)
