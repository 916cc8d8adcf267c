#pragma once
// What a person does with the console, for the end-to-end tests: menus opened
// and items clicked by their visible text, buttons found by their text or
// accessible name, fields by their label (its buddy), keys typed one by one.
// Nothing here calls a method of the window or its pages: only widgets, mouse
// and keyboard (QTest), as a user meets them.

#include <QPoint>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTest>

#include <functional>

class QAbstractButton;
class QAbstractItemView;
class QComboBox;
class QAction;
class QKeySequence;
class QMainWindow;
class QWidget;

namespace cc::e2e {

// The text without mnemonics ("&Connect…" → "Connect…").
QString plainText(QString text);

// Polls the event loop until `done()` or the timeout.
bool waitFor(const std::function<bool()> &done, int timeoutMs = 15000);

// Opens the menu `path[0]` of the window's menu bar with the mouse and clicks
// the items down `path` (submenus included). False when an item is missing or
// disabled (then every opened menu is closed again).
bool clickMenu(QMainWindow *window, const QStringList &path);
// The enabled state of a menu item, found the same way (null when missing).
QAction *menuAction(QMainWindow *window, const QStringList &path);

// A visible button under `root` whose text (mnemonics removed) or accessible name is `text`.
QAbstractButton *findButton(QWidget *root, const QString &text);
// Clicks it with the mouse; false when there is no such visible, enabled button.
bool clickButton(QWidget *root, const QString &text);
// The visible widget a label with this text (mnemonics removed, trailing ':' optional) names.
QWidget *fieldByLabel(QWidget *root, const QString &label);
// The visible line edit under `root` whose placeholder starts with `prefix` ("Filter by name").
QWidget *fieldByPlaceholder(QWidget *root, const QString &prefix);
// Any visible widget under `root` whose accessible name is `name`.
QWidget *findByAccessibleName(QWidget *root, const QString &name);
// Clicks into the field, selects what is there, types `text` key by key.
bool typeInto(QWidget *field, const QString &text);
// Clicks the tab with this text of the first tab widget under `root` that has one.
bool clickTab(QWidget *root, const QString &text);
// Clicks the item with this text in the first visible list view under `root` that shows it.
bool clickListItem(QWidget *root, const QString &text, bool doubleClick = false);
// Clicks (or double-clicks) the row of `view` whose first column shows `text`.
bool clickItem(QAbstractItemView *view, const QString &text, bool doubleClick = false);
// The text in the column headed `header` of the row whose first column shows `rowText`
// (empty when there is no such row or column).
QString cellText(QAbstractItemView *view, const QString &rowText, const QString &header);
// Opens the combo box's list with its arrow and clicks the entry `text`.
bool chooseInCombo(QComboBox *combo, const QString &text);
// The entries a combo box offers.
QStringList comboEntries(QComboBox *combo);

// Activates the window (as a click on it would) and presses `keys` where the focus is.
void pressKeys(QWidget *window, const QKeySequence &keys);
// Presses Enter in a dialog once it is in front with its focus set, as a
// person would hit Enter on the dialog they see.
void pressEnterIn(QWidget *dialog);
// The modal dialog in front (or any visible top-level dialog), waiting up to `timeoutMs`.
QWidget *waitForDialog(int timeoutMs = 10000);
// Waits for a dialog of this title (a substring).
QWidget *waitForDialogTitled(const QString &title, int timeoutMs = 10000);
// Waits for the dialog titled `title` and clicks its button `button` (a
// confirmation); false when no such dialog came or it has no such button.
bool clickInDialog(const QString &title, const QString &button);
// Waits until `widget` is hidden or gone. A dialog may delete itself as it
// closes (WA_DeleteOnClose), even inside the key click that closes it: take
// the guard before the action that closes it, never a raw pointer after.
bool waitUntilClosed(const QPointer<QWidget> &widget, int timeoutMs = 15000);
// The whole visible text of a widget and its children (labels, buttons, fields), one line each.
QString visibleText(QWidget *root);

// With CC_WALKTHROUGH_DIR set, saves the window (and a dialog in front) as
// DIR/NN-name.png; does nothing otherwise.
void screenshot(QWidget *window, const QString &name);

} // namespace cc::e2e
