<?php

namespace app\controllers;

use app\models\Post;
use Yii;
use yii\filters\AccessControl;
use yii\web\Controller;
use yii\web\Response;

class PostController extends Controller
{
    public function behaviors(): array
    {
        return ['access' => ['class' => AccessControl::class, 'rules' => [['allow' => true, 'roles' => ['@']]]]];
    }

    public function actionCreate(): array
    {
        Yii::$app->response->format = Response::FORMAT_JSON;
        $user = Yii::$app->user->identity;
        $post = new Post(['author_id' => $user->id, 'team_id' => $user->team_id, 'text' => Yii::$app->request->post('text')]);
        if (!$post->save()) {
            return ['errors' => $post->errors];
        }
        Yii::$app->realtime->toTeam($post->team_id, 'post', $post->toArray());
        return ['id' => $post->id];
    }
}
