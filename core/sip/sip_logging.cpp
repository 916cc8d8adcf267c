#include "sip/sip_logging.h"

Q_LOGGING_CATEGORY(lcSip, "cc.sip", QtWarningMsg)
