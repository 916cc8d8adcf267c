#include "user_actions.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QFormLayout>
#include <QGuiApplication>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPixmap>
#include <QPointer>
#include <QRegion>
#include <QScreen>
#include <QTabBar>
#include <QTabWidget>
#include <QWindow>

namespace cc::e2e {

namespace {

QString withoutColon(QString text)
{
    text = plainText(text).trimmed();
    if (text.endsWith(QLatin1Char(':')))
        text.chop(1);
    return text;
}

QAction *actionIn(const QList<QAction *> &actions, const QString &text)
{
    for (QAction *action : actions) {
        if (!action->isSeparator() && action->isVisible() && plainText(action->text()) == text)
            return action;
    }
    return nullptr;
}

void closeMenus(QMainWindow *window)
{
    for (QWidget *popup = QApplication::activePopupWidget(); popup != nullptr; popup = QApplication::activePopupWidget()) {
        popup->close();
        QApplication::processEvents();
    }
    window->menuBar()->setActiveAction(nullptr);
}

} // namespace

QString plainText(QString text)
{
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    const qsizetype tab = text.indexOf(QLatin1Char('\t'));   // "Quit\tCtrl+Q"
    return tab >= 0 ? text.left(tab) : text;
}

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    return QTest::qWaitFor(done, timeoutMs);
}

bool waitUntilClosed(const QPointer<QWidget> &widget, int timeoutMs)
{
    return waitFor([widget] { return widget.isNull() || !widget->isVisible(); }, timeoutMs);
}

QAction *menuAction(QMainWindow *window, const QStringList &path)
{
    if (path.isEmpty())
        return nullptr;
    QAction *action = actionIn(window->menuBar()->actions(), path.first());
    for (int i = 1; action != nullptr && i < path.size(); ++i)
        action = action->menu() ? actionIn(action->menu()->actions(), path.at(i)) : nullptr;
    return action;
}

bool clickMenu(QMainWindow *window, const QStringList &path)
{
    QMenuBar *bar = window->menuBar();
    QAction *top = actionIn(bar->actions(), path.value(0));
    if (top == nullptr || top->menu() == nullptr)
        return false;
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->actionGeometry(top).center());
    QMenu *menu = top->menu();
    if (!waitFor([menu] { return menu->isVisible(); }, 3000)) {
        closeMenus(window);
        return false;
    }
    for (int i = 1; i < path.size(); ++i) {
        QAction *item = actionIn(menu->actions(), path.at(i));
        if (item == nullptr || !item->isEnabled()) {
            closeMenus(window);
            return false;
        }
        const QPoint at = menu->actionGeometry(item).center();
        QTest::mouseMove(menu, at);
        QTest::mouseClick(menu, Qt::LeftButton, {}, at);
        if (item->menu() != nullptr) {
            menu = item->menu();
            if (!waitFor([menu] { return menu->isVisible(); }, 3000)) {
                closeMenus(window);
                return false;
            }
        }
    }
    QApplication::processEvents();
    return true;
}

QAbstractButton *findButton(QWidget *root, const QString &text)
{
    const auto buttons = root->findChildren<QAbstractButton *>();
    for (QAbstractButton *button : buttons) {
        if (button->isVisible() && (plainText(button->text()) == text || button->accessibleName() == text))
            return button;
    }
    return nullptr;
}

bool clickButton(QWidget *root, const QString &text)
{
    QAbstractButton *button = findButton(root, text);
    if (button == nullptr || !button->isEnabled())
        return false;
    QTest::mouseClick(button, Qt::LeftButton, {}, button->rect().center());
    return true;
}

QWidget *fieldByLabel(QWidget *root, const QString &label)
{
    const QString wanted = withoutColon(label);
    const auto labels = root->findChildren<QLabel *>();
    for (QLabel *candidate : labels) {
        if (!candidate->isVisible() || withoutColon(candidate->text()) != wanted)
            continue;
        if (QWidget *buddy = candidate->buddy()) {
            // A field wrapped with its message (a container): the input inside it.
            if (buddy->focusPolicy() == Qt::NoFocus) {
                const auto inputs = buddy->findChildren<QWidget *>();
                for (QWidget *input : inputs) {
                    if (input->isVisible() && (input->focusPolicy() & Qt::ClickFocus))
                        return input;
                }
            }
            return buddy;
        }
        // A form row's label without a mnemonic has no buddy: the row names the field.
        const auto forms = root->findChildren<QFormLayout *>();
        for (QFormLayout *form : forms) {
            for (int row = 0; row < form->rowCount(); ++row) {
                QLayoutItem *labelItem = form->itemAt(row, QFormLayout::LabelRole);
                QLayoutItem *fieldItem = form->itemAt(row, QFormLayout::FieldRole);
                if (labelItem && fieldItem && labelItem->widget() == candidate && fieldItem->widget())
                    return fieldItem->widget();
            }
        }
    }
    return nullptr;
}

QWidget *fieldByPlaceholder(QWidget *root, const QString &prefix)
{
    const auto edits = root->findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits) {
        if (edit->isVisible() && edit->placeholderText().startsWith(prefix))
            return edit;
    }
    return nullptr;
}

QWidget *findByAccessibleName(QWidget *root, const QString &name)
{
    const auto widgets = root->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (widget->isVisible() && widget->accessibleName() == name)
            return widget;
    }
    return nullptr;
}

bool typeInto(QWidget *field, const QString &text)
{
    if (field == nullptr || !field->isVisible() || !field->isEnabled())
        return false;
    QTest::mouseClick(field, Qt::LeftButton, {}, QPoint(qMin(20, field->width() / 3), field->height() / 2));
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(field, Qt::Key_Backspace);
    QTest::keyClicks(field, text);
    return true;
}

bool clickTab(QWidget *root, const QString &text)
{
    const auto tabWidgets = root->findChildren<QTabWidget *>();
    for (QTabWidget *tabs : tabWidgets) {
        QTabBar *bar = tabs->tabBar();
        for (int i = 0; i < bar->count(); ++i) {
            if (plainText(bar->tabText(i)) == text && bar->isVisible()) {
                QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(i).center());
                return tabs->currentIndex() == i;
            }
        }
    }
    return false;
}

bool clickItem(QAbstractItemView *view, const QString &text, bool doubleClick)
{
    if (view == nullptr || !view->isVisible() || view->model() == nullptr)
        return false;
    QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (model->data(index, Qt::DisplayRole).toString() != text)
            continue;
        view->scrollTo(index);
        const QPoint at = view->visualRect(index).center();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
        if (doubleClick)
            QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
        return true;
    }
    return false;
}

QString cellText(QAbstractItemView *view, const QString &rowText, const QString &header)
{
    if (view == nullptr || view->model() == nullptr)
        return {};
    QAbstractItemModel *model = view->model();
    int column = -1;
    for (int c = 0; c < model->columnCount(); ++c) {
        if (model->headerData(c, Qt::Horizontal).toString() == header)
            column = c;
    }
    for (int row = 0; column >= 0 && row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString() == rowText)
            return model->index(row, column).data().toString();
    }
    return {};
}

bool clickListItem(QWidget *root, const QString &text, bool doubleClick)
{
    const auto views = root->findChildren<QAbstractItemView *>();
    for (QAbstractItemView *view : views) {
        if (clickItem(view, text, doubleClick))
            return true;
    }
    return false;
}

bool chooseInCombo(QComboBox *combo, const QString &text)
{
    if (combo == nullptr || !combo->isVisible() || !combo->isEnabled())
        return false;
    const int index = combo->findText(text);
    if (index < 0)
        return false;
    QTest::mouseClick(combo, Qt::LeftButton, {}, QPoint(combo->width() - 8, combo->height() / 2));
    QAbstractItemView *view = combo->view();
    if (!waitFor([view] { return view->isVisible(); }, 3000))
        return false;
    // The popup ignores a release that comes within a double-click interval of
    // its opening (the click that opened it); a person's next click is later.
    QTest::qWait(QApplication::doubleClickInterval() + 100);
    const QModelIndex item = view->model()->index(index, combo->modelColumn());
    view->scrollTo(item);
    const QPoint at = view->visualRect(item).center();
    QTest::mouseMove(view->viewport(), at);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    waitFor([view] { return !view->isVisible(); }, 3000);
    return waitFor([combo, index] { return combo->currentIndex() == index; }, 3000);
}

QStringList comboEntries(QComboBox *combo)
{
    QStringList entries;
    for (int i = 0; combo != nullptr && i < combo->count(); ++i)
        entries.append(combo->itemText(i));
    return entries;
}

void pressKeys(QWidget *window, const QKeySequence &keys)
{
    if (QApplication::activeModalWidget() == nullptr && QApplication::activeWindow() != window) {
        window->activateWindow();
        if (!QTest::qWaitForWindowActive(window, 2000))
            qWarning("the window did not become active");
    }
    // Through the window system, as a keyboard's keys arrive: shortcuts
    // resolved first, then the key to the focus widget.
    QWidget *top = QApplication::activeModalWidget() != nullptr ? QApplication::activeModalWidget() : window;
    if (QWindow *handle = top->window()->windowHandle())
        QTest::keySequence(handle, keys);
    else
        QTest::keySequence(top, keys);
}

void pressEnterIn(QWidget *dialog)
{
    // The Return may close the dialog and delete it: nothing touches it after.
    dialog->activateWindow();
    if (!QTest::qWaitForWindowActive(dialog, 3000))
        qWarning("the dialog did not become active");
    waitFor([dialog] { return dialog->focusWidget() != nullptr; }, 3000);
    if (QWindow *handle = dialog->windowHandle())
        QTest::keyClick(handle, Qt::Key_Return);
    else
        QTest::keyClick(dialog->focusWidget() ? dialog->focusWidget() : dialog, Qt::Key_Return);
}

QWidget *waitForDialog(int timeoutMs)
{
    QWidget *found = nullptr;
    waitFor([&found] {
        found = QApplication::activeModalWidget();
        if (found != nullptr && found->isVisible())
            return true;
        found = nullptr;
        const auto tops = QApplication::topLevelWidgets();
        for (QWidget *top : tops) {
            if (top->isVisible() && qobject_cast<QDialog *>(top) != nullptr)
                found = top;
        }
        return found != nullptr;
    }, timeoutMs);
    return found;
}

QWidget *waitForDialogTitled(const QString &title, int timeoutMs)
{
    QWidget *found = nullptr;
    waitFor([&] {
        const auto tops = QApplication::topLevelWidgets();
        for (QWidget *top : tops) {
            if (top->isVisible() && qobject_cast<QDialog *>(top) != nullptr && top->windowTitle().contains(title)) {
                found = top;
                return true;
            }
        }
        return false;
    }, timeoutMs);
    return found;
}

bool clickInDialog(const QString &title, const QString &button)
{
    QWidget *dialog = waitForDialogTitled(title);
    return dialog != nullptr && clickButton(dialog, button);
}

QString visibleText(QWidget *root)
{
    if (root == nullptr)
        return QStringLiteral("(closed)");
    QStringList lines;
    const auto widgets = root->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (!widget->isVisible())
            continue;
        if (auto *label = qobject_cast<QLabel *>(widget); label && !label->text().isEmpty())
            lines.append(label->text());
        else if (auto *button = qobject_cast<QAbstractButton *>(widget); button && !button->text().isEmpty())
            lines.append(QStringLiteral("[%1]").arg(plainText(button->text())));
    }
    return lines.join(QLatin1Char('\n'));
}

void screenshot(QWidget *window, const QString &name)
{
    const QString dir = qEnvironmentVariable("CC_WALKTHROUGH_DIR");
    if (dir.isEmpty() || window == nullptr)
        return;
    static int counter = 0;
    QApplication::processEvents();
    QTest::qWait(150);   // the dirty tiles' 200 ms repaint timer, a dialog's first paint
    QDir().mkpath(dir);
    // The screen, cropped to the window and whatever is open over it
    // (dialogs, menus): what a person at the screen sees.
    QRect area = window->frameGeometry();
    const auto tops = QApplication::topLevelWidgets();
    for (QWidget *top : tops) {
        if (top->isVisible() && top != window)
            area = area.united(top->frameGeometry());
    }
    QPixmap picture;
    if (QScreen *screen = window->screen())
        picture = screen->grabWindow(0, area.x(), area.y(), area.width(), area.height());
    if (picture.isNull())
        picture = window->grab();
    const QString file = QDir(dir).filePath(QStringLiteral("%1-%2.png").arg(++counter, 2, 10, QLatin1Char('0')).arg(name));
    picture.save(file);
}

} // namespace cc::e2e
